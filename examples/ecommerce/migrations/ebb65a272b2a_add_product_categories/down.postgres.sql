-- Undo: add product categories (PostgreSQL)
-- Revision: ebb65a272b2a

ALTER TABLE "products" DROP COLUMN "category_id";
DROP TABLE "categories";
