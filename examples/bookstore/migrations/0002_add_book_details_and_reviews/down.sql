-- Undo: add book details and reviews
-- Revision: 0002

PRAGMA defer_foreign_keys = ON;
ALTER TABLE "books" DROP COLUMN "description";
ALTER TABLE "books" DROP COLUMN "page_count";
ALTER TABLE "books" DROP COLUMN "price";
DROP TABLE "reviews";
