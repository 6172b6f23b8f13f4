-- Undo: add shipping options (PostgreSQL)
-- Revision: 305ec437cc2b

ALTER TABLE "orders" DROP COLUMN "shipping_option_id";
DROP TABLE "shipping_options";
