-- Undo: add shipping options
-- Revision: 305ec437cc2b

-- retort:no-transaction

PRAGMA foreign_keys = OFF;
BEGIN;
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
INSERT INTO "retort_new_orders" ("id", "user_id", "total", "created_at", "status_id") SELECT "id", "user_id", "total", "created_at", "status_id" FROM "orders";
DROP TABLE "orders";
ALTER TABLE "retort_new_orders" RENAME TO "orders";
CREATE INDEX "idx_order_status" ON "orders" ("status_id");
CREATE INDEX "idx_order_user" ON "orders" ("user_id");
DROP TABLE "shipping_options";
CREATE TEMP TABLE "retort_fk_check" ("violations" INTEGER CONSTRAINT "foreign_key_check_failed" CHECK ("violations" = 0));
INSERT INTO temp."retort_fk_check" SELECT count(*) FROM pragma_foreign_key_check;
DROP TABLE temp."retort_fk_check";
COMMIT;
PRAGMA foreign_keys = ON;
