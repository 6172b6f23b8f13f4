-- Undo: create users, posts and organizations
-- Revision: 65536c21885d

PRAGMA defer_foreign_keys = ON;
DROP TABLE "posts";
DROP TABLE "users";
DROP TABLE "organizations";
