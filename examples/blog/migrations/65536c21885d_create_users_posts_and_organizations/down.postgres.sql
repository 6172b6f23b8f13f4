-- Undo: create users, posts and organizations (PostgreSQL)
-- Revision: 65536c21885d

DROP TABLE "posts";
DROP TABLE "users";
DROP TABLE "organizations";
DROP TYPE "user_role";
