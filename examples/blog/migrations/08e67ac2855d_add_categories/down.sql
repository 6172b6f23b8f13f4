-- Undo: add categories
-- Revision: 08e67ac2855d

PRAGMA defer_foreign_keys = ON;
CREATE TABLE "retort_new_posts" (
  "id" integer NOT NULL,
  "author_id" integer NOT NULL,
  "title" varchar(200) NOT NULL,
  "slug" varchar(200) NOT NULL,
  "body" text NOT NULL DEFAULT '',
  "published" boolean NOT NULL DEFAULT FALSE,
  "published_at" timestamp,
  "created_at" timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY ("id"),
  UNIQUE ("slug"),
  FOREIGN KEY ("author_id") REFERENCES "users" ("id") ON DELETE CASCADE
);
INSERT INTO "retort_new_posts" ("id", "author_id", "title", "slug", "body", "published", "published_at", "created_at") SELECT "id", "author_id", "title", "slug", "body", "published", "published_at", "created_at" FROM "posts";
DROP TABLE "posts";
ALTER TABLE "retort_new_posts" RENAME TO "posts";
DROP TABLE "categories";
