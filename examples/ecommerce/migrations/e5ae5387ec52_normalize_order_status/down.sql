-- Undo: normalize order status
-- Revision: e5ae5387ec52

-- retort:no-transaction
--
-- A full undo, edited by hand: every status_id becomes its status string again before
-- order_statuses is dropped (autogenerate dropped it first and left status at its default).

PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE "retort_new_orders" (
  "id" integer NOT NULL,
  "user_id" integer NOT NULL,
  "total" numeric(10,2) NOT NULL DEFAULT 0,
  "created_at" timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "status" varchar(20) NOT NULL DEFAULT 'pending',
  PRIMARY KEY ("id"),
  FOREIGN KEY ("user_id") REFERENCES "users" ("id")
);
INSERT INTO "retort_new_orders" ("id", "user_id", "total", "created_at", "status")
SELECT "id", "user_id", "total", "created_at",
       (SELECT "order_statuses"."name" FROM "order_statuses" WHERE "order_statuses"."id" = "orders"."status_id")
FROM "orders";
DROP TABLE "orders";
ALTER TABLE "retort_new_orders" RENAME TO "orders";
DROP TABLE "order_statuses";
CREATE INDEX "idx_order_status" ON "orders" ("status");
CREATE INDEX "idx_order_user" ON "orders" ("user_id");
CREATE TEMP TABLE "retort_fk_check" ("violations" INTEGER CONSTRAINT "foreign_key_check_failed" CHECK ("violations" = 0));
INSERT INTO temp."retort_fk_check" SELECT count(*) FROM pragma_foreign_key_check;
DROP TABLE temp."retort_fk_check";
COMMIT;
PRAGMA foreign_keys = ON;
