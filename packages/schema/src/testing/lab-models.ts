/**
 * The three lab schemas (e-commerce, blog, bookstore) written with the model DSL, for the
 * dialects' no-churn tests. The blog's view body is passed in as the dialect prints it
 * (view bodies are compared as text).
 *
 * @example
 * ```ts
 * fromModels(labBlog('SELECT id, title, published_at FROM posts WHERE published = TRUE'), sqliteSchemaDialect);
 * ```
 */
import {
  boolean, char, check, enumType, index, integer, numeric, primaryKey, serial, sql, table, text, timestamp, unique, uniqueIndex, varchar, view,
  type ModelColumnRef,
} from '../index.js';

/** Lab 07's e-commerce models. */
export const labEcommerce = (() => {
  const categories = table('categories', {
    id: serial().primaryKey(),
    name: varchar(100).notNull(),
    parent_id: integer().references((): ModelColumnRef => categories.id, { onDelete: 'SET NULL' }),
  }, (t) => [index('idx_categories_parent').on(t.parent_id)]);
  const users = table('users', {
    id: integer().primaryKey(),
    username: varchar(50).notNull().unique(),
    email: varchar(255).notNull(),
    created_at: timestamp().notNull().default(sql`CURRENT_TIMESTAMP`),
  }, (t) => [index('idx_user_email').on(t.email)]);
  const products = table('products', {
    id: integer().primaryKey(),
    name: varchar(200).notNull(),
    price: numeric(10, 2).notNull().check(sql`price > 0`, 'ck_products_price'),
    stock: integer().notNull().default(0),
    category_id: integer().references(() => categories.id),
  });
  const order_statuses = table('order_statuses', { id: integer().primaryKey(), name: varchar(30).notNull().unique() });
  const orders = table('orders', {
    id: integer().primaryKey().autoincrement(),
    user_id: integer().notNull().references(() => users.id, { onDelete: 'CASCADE' }),
    status_id: integer().notNull().references(() => order_statuses.id),
    total: numeric(12, 2).notNull().default(0),
    created_at: timestamp().notNull().default(sql`CURRENT_TIMESTAMP`),
  }, (t) => [index('idx_orders_user').on(t.user_id, t.created_at).desc(false, true)]);
  const order_items = table('order_items', {
    order_id: integer().notNull().references(() => orders.id, { onDelete: 'CASCADE' }),
    product_id: integer().notNull().references(() => products.id),
    quantity: integer().notNull().check(sql`quantity > 0`),
    unit_price: numeric(10, 2).notNull(),
  }, (t) => [primaryKey(undefined, t.order_id, t.product_id)]);
  return { categories, users, products, order_statuses, orders, order_items };
})();

export const labBlog = (publishedView: string) => {
  const role = enumType('user_role', ['admin', 'editor', 'author']);
  const organizations = table('organizations', { id: integer().primaryKey(), name: varchar(100).notNull().unique(), slug: varchar(100).notNull() });
  const users = table('users', {
    id: integer().primaryKey(),
    organization_id: integer().references(() => organizations.id, { onDelete: 'CASCADE' }),
    email: varchar(255).notNull().unique(),
    display_name: text(),
    role: role.column().notNull().default('author'),
  });
  const categories = table('categories', {
    id: integer().primaryKey(),
    organization_id: integer().notNull().references(() => organizations.id),
    name: varchar(80).notNull(),
  }, (t) => [unique('uq_category_per_org', t.organization_id, t.name)]);
  const posts = table('posts', {
    id: integer().primaryKey(),
    author_id: integer().notNull().references(() => users.id),
    category_id: integer().references(() => categories.id, { onDelete: 'SET NULL' }),
    title: varchar(200).notNull(),
    slug: varchar(200).notNull(),
    body: text().notNull().default(''),
    published: boolean().notNull().default(false),
    published_at: timestamp(),
  }, (t) => [
    uniqueIndex('uq_posts_slug').on(t.slug),
    index('idx_posts_published').on(t.published_at).where(sql`published = TRUE`),
    index('idx_posts_title_lower').on(sql`lower(title)`),
    check('ck_published_at', sql`NOT published OR published_at IS NOT NULL`),
  ]);
  const published = view('published_posts', publishedView);
  return { role, organizations, users, categories, posts, published };
};

/** The bookstore tutorial's models. */
export const labBookstore = (() => {
  const books = table('books', {
    id: integer().primaryKey(),
    isbn: varchar(13).notNull().unique(),
    title: varchar(255).notNull(),
    author: varchar(255).notNull(),
    published_year: integer().check(sql`published_year BETWEEN 1450 AND 2100`),
    price: numeric(8, 2).notNull(),
    stock: integer().notNull().default(0),
    created_at: timestamp().notNull().default(sql`CURRENT_TIMESTAMP`),
  });
  const users = table('users', { id: integer().primaryKey(), email: varchar(255).notNull().unique(), name: varchar(100).notNull() });
  const reviews = table('reviews', {
    id: integer().primaryKey(),
    book_id: integer().notNull().references(() => books.id, { onDelete: 'CASCADE' }),
    user_id: integer().notNull().references(() => users.id, { onDelete: 'CASCADE' }),
    rating: integer().notNull().check(sql`rating BETWEEN 1 AND 5`),
    body: text(),
    created_at: timestamp().notNull().default(sql`CURRENT_TIMESTAMP`),
  }, (t) => [index('idx_reviews_book').on(t.book_id)]);
  const user_preferences = table('user_preferences', {
    user_id: integer().primaryKey().references(() => users.id, { onDelete: 'CASCADE' }),
    theme: varchar(20).notNull().default('light'),
    newsletter: boolean().notNull().default(true),
    language: char(2).notNull().default('en'),
  });
  return { books, users, reviews, user_preferences };
})();
