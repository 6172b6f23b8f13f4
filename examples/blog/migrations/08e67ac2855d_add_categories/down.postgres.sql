-- Undo: add categories (PostgreSQL)
-- Revision: 08e67ac2855d

ALTER TABLE "posts" DROP COLUMN "category_id";
DROP TABLE "categories";
