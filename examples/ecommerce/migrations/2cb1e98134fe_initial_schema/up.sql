-- initial schema
-- Revision: 2cb1e98134fe   Parents: <base>

CREATE TABLE "products" (
  "id" integer NOT NULL,
  "name" varchar(200) NOT NULL,
  "description" text,
  "price" numeric(10,2) NOT NULL,
  "stock" integer NOT NULL DEFAULT 0,
  "created_at" timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY ("id")
);
CREATE TABLE "users" (
  "id" integer NOT NULL,
  "username" varchar(50) NOT NULL,
  "email" varchar(120) NOT NULL,
  "name" varchar(100),
  "created_at" timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY ("id"),
  UNIQUE ("email"),
  UNIQUE ("username")
);
CREATE TABLE "orders" (
  "id" integer NOT NULL,
  "user_id" integer NOT NULL,
  "status" varchar(20) NOT NULL DEFAULT 'pending',
  "total" numeric(10,2) NOT NULL DEFAULT 0,
  "created_at" timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY ("id"),
  FOREIGN KEY ("user_id") REFERENCES "users" ("id")
);
CREATE TABLE "order_items" (
  "id" integer NOT NULL,
  "order_id" integer NOT NULL,
  "product_id" integer NOT NULL,
  "quantity" integer NOT NULL DEFAULT 1,
  "unit_price" numeric(10,2) NOT NULL,
  PRIMARY KEY ("id"),
  FOREIGN KEY ("order_id") REFERENCES "orders" ("id") ON DELETE CASCADE,
  FOREIGN KEY ("product_id") REFERENCES "products" ("id")
);
