-- add bio and avatar_url to users
-- Revision: 359dd0611e95   Parents: 65536c21885d

ALTER TABLE "users" ADD COLUMN "bio" text;
ALTER TABLE "users" ADD COLUMN "avatar_url" varchar(500);
