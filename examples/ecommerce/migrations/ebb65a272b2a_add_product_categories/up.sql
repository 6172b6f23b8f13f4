-- add product categories
-- Revision: ebb65a272b2a   Parents: 49073c0dbaf0

-- retort:no-transaction
-- hazard TABLE_REWRITE: Rebuilds table 'products' (copies every row and recreates its indexes) because SQLite cannot add a foreign key in place.
-- hazard NO_TRANSACTION: Runs outside the runner's transaction (with its own BEGIN/COMMIT) because rebuilding a table that foreign keys point at needs PRAGMA foreign_keys = OFF.

PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE "categories" (
  "id" integer NOT NULL,
  "name" varchar(100) NOT NULL,
  "parent_id" integer,
  PRIMARY KEY ("id"),
  UNIQUE ("name"),
  FOREIGN KEY ("parent_id") REFERENCES "categories" ("id") ON DELETE SET NULL
);
CREATE TABLE "retort_new_products" (
  "id" integer NOT NULL,
  "name" varchar(200) NOT NULL,
  "description" text,
  "price" numeric(10,2) NOT NULL,
  "stock" integer NOT NULL DEFAULT 0,
  "created_at" timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "category_id" integer,
  PRIMARY KEY ("id"),
  FOREIGN KEY ("category_id") REFERENCES "categories" ("id") ON DELETE SET NULL
);
INSERT INTO "retort_new_products" ("id", "name", "description", "price", "stock", "created_at") SELECT "id", "name", "description", "price", "stock", "created_at" FROM "products";
DROP TABLE "products";
ALTER TABLE "retort_new_products" RENAME TO "products";
CREATE INDEX "idx_product_name" ON "products" ("name");
CREATE TEMP TABLE "retort_fk_check" ("violations" INTEGER CONSTRAINT "foreign_key_check_failed" CHECK ("violations" = 0));
INSERT INTO temp."retort_fk_check" SELECT count(*) FROM pragma_foreign_key_check;
DROP TABLE temp."retort_fk_check";
COMMIT;
PRAGMA foreign_keys = ON;
