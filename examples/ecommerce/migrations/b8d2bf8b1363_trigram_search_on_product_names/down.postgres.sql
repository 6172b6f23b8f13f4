-- Undo: trigram search on product names (PostgreSQL)
-- Revision: b8d2bf8b1363
--
-- Drops the index only: pg_trgm may have been installed before this revision, or be used
-- by other objects, so the extension stays.

DROP INDEX "idx_product_name_trgm";
