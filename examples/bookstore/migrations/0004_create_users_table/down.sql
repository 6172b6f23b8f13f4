-- Undo: create users table
-- Revision: 0004

PRAGMA defer_foreign_keys = ON;
DROP TABLE "users";
