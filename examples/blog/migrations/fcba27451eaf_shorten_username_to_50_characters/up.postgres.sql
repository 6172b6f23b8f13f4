-- shorten username to 50 characters (PostgreSQL)
-- Revision: fcba27451eaf   Parents: 08e67ac2855d

-- hazard NARROWING_TYPE: Narrows 'users.username' from varchar(80) to varchar(50); values that do not fit make the migration fail.
--
-- PostgreSQL changes the type in place (SQLite rebuilds the table). It checks every row
-- under an ACCESS EXCLUSIVE lock, and a username longer than 50 characters fails the
-- revision: it rolls back and the database stays at the previous revision.

ALTER TABLE "users" ALTER COLUMN "username" TYPE varchar(50);
