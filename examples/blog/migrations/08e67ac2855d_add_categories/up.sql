-- add categories
-- Revision: 08e67ac2855d   Parents: 359dd0611e95

-- hazard TABLE_REWRITE: Rebuilds table 'posts' (copies every row and recreates its indexes) because SQLite cannot add a foreign key in place.

CREATE TABLE "categories" (
  "id" integer NOT NULL,
  "organization_id" integer NOT NULL,
  "name" varchar(80) NOT NULL,
  "slug" varchar(80) NOT NULL,
  PRIMARY KEY ("id"),
  CONSTRAINT "uq_category_slug_per_org" UNIQUE ("organization_id", "slug"),
  FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON DELETE CASCADE
);
CREATE TABLE "retort_new_posts" (
  "id" integer NOT NULL,
  "author_id" integer NOT NULL,
  "title" varchar(200) NOT NULL,
  "slug" varchar(200) NOT NULL,
  "body" text NOT NULL DEFAULT '',
  "published" boolean NOT NULL DEFAULT FALSE,
  "published_at" timestamp,
  "created_at" timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "category_id" integer,
  PRIMARY KEY ("id"),
  UNIQUE ("slug"),
  FOREIGN KEY ("author_id") REFERENCES "users" ("id") ON DELETE CASCADE,
  FOREIGN KEY ("category_id") REFERENCES "categories" ("id") ON DELETE SET NULL
);
INSERT INTO "retort_new_posts" ("id", "author_id", "title", "slug", "body", "published", "published_at", "created_at") SELECT "id", "author_id", "title", "slug", "body", "published", "published_at", "created_at" FROM "posts";
DROP TABLE "posts";
ALTER TABLE "retort_new_posts" RENAME TO "posts";
