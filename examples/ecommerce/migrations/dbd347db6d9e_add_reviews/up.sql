-- add reviews
-- Revision: dbd347db6d9e   Parents: d50b20e3c2ef   Branch: reviews
--
-- The reviews feature branch. Autogenerate compares one head with the whole models file,
-- so on this second branch it would also propose shipping_options; this SQL is what
-- `retort diff --from migrations --to models.ts` printed once the shipping revision was
-- written, which is exactly the reviews table.

CREATE TABLE "reviews" (
  "id" integer NOT NULL,
  "product_id" integer NOT NULL,
  "user_id" integer NOT NULL,
  "rating" integer NOT NULL,
  "comment" text,
  "created_at" timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY ("id"),
  CONSTRAINT "ck_reviews_rating" CHECK (rating BETWEEN 1 AND 5),
  FOREIGN KEY ("product_id") REFERENCES "products" ("id") ON DELETE CASCADE,
  FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE INDEX "idx_reviews_product" ON "reviews" ("product_id");
