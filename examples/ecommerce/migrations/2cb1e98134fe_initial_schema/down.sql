-- Undo: initial schema
-- Revision: 2cb1e98134fe

PRAGMA defer_foreign_keys = ON;
DROP TABLE "order_items";
DROP TABLE "orders";
DROP TABLE "users";
DROP TABLE "products";
