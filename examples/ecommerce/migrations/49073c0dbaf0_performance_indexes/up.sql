-- performance indexes
-- Revision: 49073c0dbaf0   Parents: 92aa45ec48a0
--
-- Written by hand: the lookups the shop makes most (login by email, product search by
-- name, a user's orders, orders by status). The same SQL runs on SQLite and PostgreSQL.

CREATE INDEX "idx_user_email" ON "users" ("email");
CREATE INDEX "idx_product_name" ON "products" ("name");
CREATE INDEX "idx_order_user" ON "orders" ("user_id");
CREATE INDEX "idx_order_status" ON "orders" ("status");
