-- Undo: create books table (PostgreSQL)
-- Revision: 0001
--
-- down.sql without the SQLite PRAGMA.

DROP TABLE "books";
