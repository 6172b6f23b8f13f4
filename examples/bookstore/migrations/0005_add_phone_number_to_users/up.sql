-- add phone number to users
-- Revision: 0005   Parents: 0004

ALTER TABLE "users" ADD COLUMN "phone_number" varchar(20);
