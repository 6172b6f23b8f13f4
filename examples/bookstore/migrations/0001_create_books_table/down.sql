-- Undo: create books table
-- Revision: 0001

PRAGMA defer_foreign_keys = ON;
DROP TABLE "books";
