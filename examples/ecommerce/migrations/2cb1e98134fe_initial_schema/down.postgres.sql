-- Undo: initial schema (PostgreSQL)
-- Revision: 2cb1e98134fe
--
-- down.sql without SQLite's PRAGMA: dependent tables go first.

DROP TABLE "order_items";
DROP TABLE "orders";
DROP TABLE "users";
DROP TABLE "products";
