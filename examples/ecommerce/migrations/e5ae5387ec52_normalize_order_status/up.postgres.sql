-- normalize order status (PostgreSQL)
-- Revision: e5ae5387ec52   Parents: ebb65a272b2a
--
-- hazard DATA_LOSS: Drops column 'orders.status' once every status is copied to status_id.
--
-- PostgreSQL changes orders in place, inside the revision's transaction: the five
-- statuses, every order mapped to its status_id, then NOT NULL and fk_order_status. An
-- order whose status is not one of the five leaves status_id NULL and SET NOT NULL fails:
-- the revision rolls back and nothing is lost.

CREATE TABLE "order_statuses" (
  "id" integer NOT NULL,
  "name" varchar(20) NOT NULL,
  PRIMARY KEY ("id"),
  UNIQUE ("name")
);
INSERT INTO "order_statuses" ("id", "name") VALUES
  (1, 'pending'), (2, 'processing'), (3, 'shipped'), (4, 'delivered'), (5, 'cancelled');

ALTER TABLE "orders" ADD COLUMN "status_id" integer DEFAULT 1;
UPDATE "orders" SET "status_id" = (SELECT "order_statuses"."id" FROM "order_statuses" WHERE "order_statuses"."name" = "orders"."status");
ALTER TABLE "orders" ALTER COLUMN "status_id" SET NOT NULL;
ALTER TABLE "orders" ADD CONSTRAINT "fk_order_status" FOREIGN KEY ("status_id") REFERENCES "order_statuses" ("id");

DROP INDEX "idx_order_status";
ALTER TABLE "orders" DROP COLUMN "status";
CREATE INDEX "idx_order_status" ON "orders" ("status_id");
