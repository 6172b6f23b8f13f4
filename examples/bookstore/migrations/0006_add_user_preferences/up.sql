-- add user preferences
-- Revision: 0006   Parents: 0005

CREATE TABLE "user_preferences" (
  "user_id" integer NOT NULL,
  "theme" varchar(20) NOT NULL DEFAULT 'light',
  "newsletter" boolean NOT NULL DEFAULT TRUE,
  "language" char(2) NOT NULL DEFAULT 'en',
  PRIMARY KEY ("user_id"),
  FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);
