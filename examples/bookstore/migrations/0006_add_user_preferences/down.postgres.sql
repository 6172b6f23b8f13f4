-- Undo: add user preferences (PostgreSQL)
-- Revision: 0006
--
-- down.sql without the SQLite PRAGMA.

DROP TABLE "user_preferences";
