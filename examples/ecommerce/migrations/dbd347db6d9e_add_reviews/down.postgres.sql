-- Undo: add reviews (PostgreSQL)
-- Revision: dbd347db6d9e

DROP TABLE "reviews";
