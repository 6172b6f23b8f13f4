-- add book details and reviews
-- Revision: 0002   Parents: 0001

CREATE TABLE "reviews" (
  "id" integer NOT NULL,
  "book_id" integer NOT NULL,
  "reviewer_name" varchar(100) NOT NULL,
  "rating" integer NOT NULL,
  "comment" text,
  "created_at" timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY ("id"),
  CONSTRAINT "ck_reviews_rating" CHECK (rating BETWEEN 1 AND 5),
  FOREIGN KEY ("book_id") REFERENCES "books" ("id") ON DELETE CASCADE
);
CREATE INDEX "idx_reviews_book" ON "reviews" ("book_id");
ALTER TABLE "books" ADD COLUMN "price" numeric(8,2);
ALTER TABLE "books" ADD COLUMN "page_count" integer;
ALTER TABLE "books" ADD COLUMN "description" text;
