-- normalize order status
-- Revision: e5ae5387ec52   Parents: ebb65a272b2a

-- retort:no-transaction
-- hazard DATA_LOSS: Drops column 'orders.status' and the data in it.
-- hazard TABLE_REWRITE: Rebuilds table 'orders' (copies every row and recreates its indexes) because SQLite cannot add a foreign key in place.
-- hazard NO_TRANSACTION: Runs outside the runner's transaction (with its own BEGIN/COMMIT) because rebuilding a table that foreign keys point at needs PRAGMA foreign_keys = OFF.
--
-- Reviewed and edited by hand (autogenerate wrote the rebuild): the five statuses are
-- inserted, and the copy into the new orders table maps every status string to its id,
-- so no data is lost. An order whose status is not one of the five maps to NULL and the
-- NOT NULL on status_id stops the revision: the transaction rolls back and the database
-- stays at the previous revision. PostgreSQL alters the table in place: up.postgres.sql.

PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE "order_statuses" (
  "id" integer NOT NULL,
  "name" varchar(20) NOT NULL,
  PRIMARY KEY ("id"),
  UNIQUE ("name")
);
INSERT INTO "order_statuses" ("id", "name") VALUES
  (1, 'pending'), (2, 'processing'), (3, 'shipped'), (4, 'delivered'), (5, 'cancelled');
CREATE TABLE "retort_new_orders" (
  "id" integer NOT NULL,
  "user_id" integer NOT NULL,
  "total" numeric(10,2) NOT NULL DEFAULT 0,
  "created_at" timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "status_id" integer NOT NULL DEFAULT 1,
  PRIMARY KEY ("id"),
  FOREIGN KEY ("user_id") REFERENCES "users" ("id"),
  CONSTRAINT "fk_order_status" FOREIGN KEY ("status_id") REFERENCES "order_statuses" ("id")
);
INSERT INTO "retort_new_orders" ("id", "user_id", "total", "created_at", "status_id")
SELECT "id", "user_id", "total", "created_at",
       (SELECT "order_statuses"."id" FROM "order_statuses" WHERE "order_statuses"."name" = "orders"."status")
FROM "orders";
DROP TABLE "orders";
ALTER TABLE "retort_new_orders" RENAME TO "orders";
CREATE INDEX "idx_order_status" ON "orders" ("status_id");
CREATE INDEX "idx_order_user" ON "orders" ("user_id");
CREATE TEMP TABLE "retort_fk_check" ("violations" INTEGER CONSTRAINT "foreign_key_check_failed" CHECK ("violations" = 0));
INSERT INTO temp."retort_fk_check" SELECT count(*) FROM pragma_foreign_key_check;
DROP TABLE temp."retort_fk_check";
COMMIT;
PRAGMA foreign_keys = ON;
