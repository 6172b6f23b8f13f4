-- Undo: shorten username to 50 characters (PostgreSQL)
-- Revision: fcba27451eaf
--
-- Widening a varchar changes only the catalog: no rows are checked or rewritten.

ALTER TABLE "users" ALTER COLUMN "username" TYPE varchar(80);
