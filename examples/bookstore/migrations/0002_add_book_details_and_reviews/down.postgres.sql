-- Undo: add book details and reviews (PostgreSQL)
-- Revision: 0002
--
-- down.sql without the SQLite PRAGMA.

ALTER TABLE "books" DROP COLUMN "description";
ALTER TABLE "books" DROP COLUMN "page_count";
ALTER TABLE "books" DROP COLUMN "price";
DROP TABLE "reviews";
