-- Undo: add bio and avatar_url to users
-- Revision: 359dd0611e95

ALTER TABLE "users" DROP COLUMN "avatar_url";
ALTER TABLE "users" DROP COLUMN "bio";
