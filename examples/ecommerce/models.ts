import { check, index, integer, numeric, serial, sql, table, text, timestamp, varchar, type ModelColumnRef } from 'retort';

export const categories = table('categories', {
  id: serial().primaryKey(),
  name: varchar(100).notNull().unique(),
  // A self reference needs the function form and an explicit type (the table is still being defined).
  parent_id: integer().references((): ModelColumnRef => categories.id, { onDelete: 'SET NULL' }),
});

export const users = table('users', {
  id: serial().primaryKey(),
  username: varchar(50).notNull().unique(),
  email: varchar(120).notNull().unique(),
  created_at: timestamp().notNull().default(sql`CURRENT_TIMESTAMP`),
  first_name: varchar(50),
  last_name: varchar(50),
  phone: varchar(20),
  address: text(),
}, (t) => [index('idx_user_email').on(t.email)]);

export const products = table('products', {
  id: serial().primaryKey(),
  name: varchar(200).notNull(),
  description: text(),
  price: numeric(10, 2).notNull(),
  stock: integer().notNull().default(0),
  created_at: timestamp().notNull().default(sql`CURRENT_TIMESTAMP`),
  category_id: integer().references(() => categories.id, { onDelete: 'SET NULL' }),
}, (t) => [index('idx_product_name').on(t.name)]);

export const order_statuses = table('order_statuses', {
  id: integer().primaryKey(),
  name: varchar(20).notNull().unique(),
});

export const shipping_options = table('shipping_options', {
  id: serial().primaryKey(),
  name: varchar(50).notNull().unique(),
  price: numeric(10, 2).notNull().default(0),
  estimated_days: integer().notNull(),
});

export const orders = table('orders', {
  id: serial().primaryKey(),
  user_id: integer().notNull().references(() => users.id),
  total: numeric(10, 2).notNull().default(0),
  created_at: timestamp().notNull().default(sql`CURRENT_TIMESTAMP`),
  status_id: integer().notNull().default(1).references(() => order_statuses.id, { name: 'fk_order_status' }),
  shipping_option_id: integer().references(() => shipping_options.id),
}, (t) => [index('idx_order_user').on(t.user_id), index('idx_order_status').on(t.status_id)]);

export const order_items = table('order_items', {
  id: serial().primaryKey(),
  order_id: integer().notNull().references(() => orders.id, { onDelete: 'CASCADE' }),
  product_id: integer().notNull().references(() => products.id),
  quantity: integer().notNull().default(1),
  unit_price: numeric(10, 2).notNull(),
});

export const reviews = table('reviews', {
  id: serial().primaryKey(),
  product_id: integer().notNull().references(() => products.id, { onDelete: 'CASCADE' }),
  user_id: integer().notNull().references(() => users.id, { onDelete: 'CASCADE' }),
  rating: integer().notNull(),
  comment: text(),
  created_at: timestamp().notNull().default(sql`CURRENT_TIMESTAMP`),
}, (t) => [check('ck_reviews_rating', sql`rating BETWEEN 1 AND 5`), index('idx_reviews_product').on(t.product_id)]);
