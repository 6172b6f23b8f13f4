-- Undo: add user preferences
-- Revision: 0006

PRAGMA defer_foreign_keys = ON;
DROP TABLE "user_preferences";
