-- create users, posts and organizations
-- Revision: 65536c21885d   Parents: <base>

CREATE TABLE "organizations" (
  "id" integer NOT NULL,
  "name" varchar(100) NOT NULL,
  "slug" varchar(100) NOT NULL,
  "created_at" timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY ("id"),
  UNIQUE ("name"),
  UNIQUE ("slug")
);
CREATE TABLE "users" (
  "id" integer NOT NULL,
  "organization_id" integer,
  "username" varchar(80) NOT NULL,
  "email" varchar(255) NOT NULL,
  "role" text NOT NULL DEFAULT 'author',
  "created_at" timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY ("id"),
  UNIQUE ("email"),
  UNIQUE ("username"),
  CHECK ("role" IN ('admin', 'editor', 'author')),
  FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON DELETE CASCADE
);
CREATE TABLE "posts" (
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
