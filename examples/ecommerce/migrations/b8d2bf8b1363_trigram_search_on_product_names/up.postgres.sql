-- trigram search on product names (PostgreSQL)
-- Revision: b8d2bf8b1363   Parents: 9f4d4eb05d03
--
-- Fuzzy product search (name ILIKE '%shoe%', similarity()) through a GIN trigram index.
-- pg_trgm ships with PostgreSQL (contrib); CREATE EXTENSION needs a role allowed to create
-- it (a superuser, or the database owner for trusted extensions such as pg_trgm on 13+).

CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "idx_product_name_trgm" ON "products" USING gin ("name" gin_trgm_ops);
