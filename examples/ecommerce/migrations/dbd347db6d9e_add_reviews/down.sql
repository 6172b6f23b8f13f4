-- Undo: add reviews
-- Revision: dbd347db6d9e

PRAGMA defer_foreign_keys = ON;
DROP TABLE "reviews";
