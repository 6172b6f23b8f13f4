-- fill book details
-- Revision: 0003   Parents: 0002
--
-- A data migration: books added before 0002 have no description, price or page count.
-- Fill the gaps from what is known (description "<title> by <author>") and the shop's
-- placeholders (price 19.99, 300 pages). Values already set are kept.

UPDATE "books" SET "description" = "title" || ' by ' || "author" WHERE "description" IS NULL;
UPDATE "books" SET "price" = 19.99 WHERE "price" IS NULL;
UPDATE "books" SET "page_count" = 300 WHERE "page_count" IS NULL;
