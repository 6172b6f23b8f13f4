-- split name into first and last
-- Revision: 92aa45ec48a0   Parents: 4e0d59cdf330

-- hazard DATA_LOSS: Drops column 'users.name' and the data in it.
--
-- Reviewed: the UPDATE below moves every name into first_name / last_name before the
-- drop, so no data is lost. 'Ada King Lovelace' becomes 'Ada' + 'King Lovelace'; a single
-- word becomes first_name only; spaces around the first word are dropped.
-- The same statements as up.sql, with strpos() where SQLite has instr().

UPDATE "users"
SET "first_name" = CASE WHEN strpos(trim("name"), ' ') > 0
                        THEN substr(trim("name"), 1, strpos(trim("name"), ' ') - 1)
                        ELSE trim("name") END,
    "last_name" = CASE WHEN strpos(trim("name"), ' ') > 0
                       THEN ltrim(substr(trim("name"), strpos(trim("name"), ' ') + 1))
                       ELSE NULL END
WHERE "name" IS NOT NULL AND trim("name") <> '';

ALTER TABLE "users" DROP COLUMN "name";
