-- Undo: add phone number to users
-- Revision: 0005

ALTER TABLE "users" DROP COLUMN "phone_number";
