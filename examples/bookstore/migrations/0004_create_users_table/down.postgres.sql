-- Undo: create users table (PostgreSQL)
-- Revision: 0004
--
-- down.sql without the SQLite PRAGMA.

DROP TABLE "users";
