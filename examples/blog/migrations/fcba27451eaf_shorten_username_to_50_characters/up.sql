-- shorten username to 50 characters
-- Revision: fcba27451eaf   Parents: 08e67ac2855d

-- retort:no-transaction
-- hazard NARROWING_TYPE: Narrows 'users.username' from varchar(80) to varchar(50); SQLite keeps existing values as they are (declared types are not enforced), so rows may not fit the new type.
-- hazard TABLE_REWRITE: Rebuilds table 'users' (copies every row and recreates its indexes) because SQLite cannot alter column 'username' in place.
-- hazard NO_TRANSACTION: Runs outside the runner's transaction (with its own BEGIN/COMMIT) because rebuilding a table that foreign keys point at needs PRAGMA foreign_keys = OFF.

PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE "retort_new_users" (
  "id" integer NOT NULL,
  "organization_id" integer,
  "username" varchar(50) NOT NULL,
  "email" varchar(255) NOT NULL,
  "role" text NOT NULL DEFAULT 'author',
  "created_at" timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "bio" text,
  "avatar_url" varchar(500),
  PRIMARY KEY ("id"),
  UNIQUE ("email"),
  UNIQUE ("username"),
  CHECK ("role" IN ('admin', 'editor', 'author')),
  FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON DELETE CASCADE
);
INSERT INTO "retort_new_users" ("id", "organization_id", "username", "email", "role", "created_at", "bio", "avatar_url") SELECT "id", "organization_id", "username", "email", "role", "created_at", "bio", "avatar_url" FROM "users";
DROP TABLE "users";
ALTER TABLE "retort_new_users" RENAME TO "users";
CREATE TEMP TABLE "retort_fk_check" ("violations" INTEGER CONSTRAINT "foreign_key_check_failed" CHECK ("violations" = 0));
INSERT INTO temp."retort_fk_check" SELECT count(*) FROM pragma_foreign_key_check;
DROP TABLE temp."retort_fk_check";
COMMIT;
PRAGMA foreign_keys = ON;
