-- Undo: split name into first and last
-- Revision: 92aa45ec48a0
--
-- Joins first_name and last_name back into name. They stay filled (upgrading again
-- splits the same names into the same parts).

ALTER TABLE "users" ADD COLUMN "name" varchar(100);

UPDATE "users"
SET "name" = substr(trim(coalesce("first_name", '') || ' ' || coalesce("last_name", '')), 1, 100)
WHERE "first_name" IS NOT NULL OR "last_name" IS NOT NULL;
