-- Undo: performance indexes
-- Revision: 49073c0dbaf0
--
-- Drops the four indexes in the reverse order of up.sql.

DROP INDEX "idx_order_status";
DROP INDEX "idx_order_user";
DROP INDEX "idx_product_name";
DROP INDEX "idx_user_email";
