-- Undo: add user profile fields
-- Revision: 4e0d59cdf330

ALTER TABLE "users" DROP COLUMN "address";
ALTER TABLE "users" DROP COLUMN "phone";
ALTER TABLE "users" DROP COLUMN "last_name";
ALTER TABLE "users" DROP COLUMN "first_name";
