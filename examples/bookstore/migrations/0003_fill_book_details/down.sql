-- Undo: fill book details
-- Revision: 0003
--
-- Clears what up.sql filled in: values equal to the generated description or to the
-- placeholders go back to NULL. (A book whose real price was 19.99 before 0003 also loses
-- it: the placeholders cannot be told apart from real values.)

UPDATE "books" SET "description" = NULL WHERE "description" = "title" || ' by ' || "author";
UPDATE "books" SET "price" = NULL WHERE "price" = 19.99;
UPDATE "books" SET "page_count" = NULL WHERE "page_count" = 300;
