-- create books table
-- Revision: 0001   Parents: <base>

CREATE TABLE "books" (
  "id" integer NOT NULL,
  "isbn" varchar(13) NOT NULL,
  "title" varchar(255) NOT NULL,
  "author" varchar(255) NOT NULL,
  "publisher" varchar(255),
  "published_year" integer,
  "genre" varchar(50),
  "created_at" timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY ("id"),
  UNIQUE ("isbn")
);
