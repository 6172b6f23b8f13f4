-- Undo: add product categories
-- Revision: ebb65a272b2a

-- retort:no-transaction

PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE "retort_new_products" (
  "id" integer NOT NULL,
  "name" varchar(200) NOT NULL,
  "description" text,
  "price" numeric(10,2) NOT NULL,
  "stock" integer NOT NULL DEFAULT 0,
  "created_at" timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY ("id")
);
INSERT INTO "retort_new_products" ("id", "name", "description", "price", "stock", "created_at") SELECT "id", "name", "description", "price", "stock", "created_at" FROM "products";
DROP TABLE "products";
ALTER TABLE "retort_new_products" RENAME TO "products";
CREATE INDEX "idx_product_name" ON "products" ("name");
DROP TABLE "categories";
CREATE TEMP TABLE "retort_fk_check" ("violations" INTEGER CONSTRAINT "foreign_key_check_failed" CHECK ("violations" = 0));
INSERT INTO temp."retort_fk_check" SELECT count(*) FROM pragma_foreign_key_check;
DROP TABLE temp."retort_fk_check";
COMMIT;
PRAGMA foreign_keys = ON;
