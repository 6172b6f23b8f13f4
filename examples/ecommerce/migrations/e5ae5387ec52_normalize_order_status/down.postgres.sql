-- Undo: normalize order status (PostgreSQL)
-- Revision: e5ae5387ec52
--
-- A full undo: every status_id becomes its status string again, then status_id,
-- fk_order_status and order_statuses go.

ALTER TABLE "orders" ADD COLUMN "status" varchar(20) NOT NULL DEFAULT 'pending';
UPDATE "orders" SET "status" = (SELECT "order_statuses"."name" FROM "order_statuses" WHERE "order_statuses"."id" = "orders"."status_id");

DROP INDEX "idx_order_status";
ALTER TABLE "orders" DROP CONSTRAINT "fk_order_status";
ALTER TABLE "orders" DROP COLUMN "status_id";
DROP TABLE "order_statuses";
CREATE INDEX "idx_order_status" ON "orders" ("status");
