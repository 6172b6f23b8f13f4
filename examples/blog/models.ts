import { boolean, enumType, integer, serial, sql, table, text, timestamp, unique, varchar } from 'retort';

export const userRole = enumType('user_role', ['admin', 'editor', 'author']);

export const organizations = table('organizations', {
  id: serial().primaryKey(),
  name: varchar(100).notNull().unique(),
  slug: varchar(100).notNull().unique(),
  created_at: timestamp().notNull().default(sql`CURRENT_TIMESTAMP`),
});

export const users = table('users', {
  id: serial().primaryKey(),
  organization_id: integer().references(() => organizations.id, { onDelete: 'CASCADE' }),
  username: varchar(50).notNull().unique(),
  email: varchar(255).notNull().unique(),
  role: userRole.column().notNull().default('author'),
  created_at: timestamp().notNull().default(sql`CURRENT_TIMESTAMP`),
  bio: text(),
  avatar_url: varchar(500),
});

export const categories = table('categories', {
  id: serial().primaryKey(),
  organization_id: integer().notNull().references(() => organizations.id, { onDelete: 'CASCADE' }),
  name: varchar(80).notNull(),
  slug: varchar(80).notNull(),
}, (t) => [unique('uq_category_slug_per_org', t.organization_id, t.slug)]);

export const posts = table('posts', {
  id: serial().primaryKey(),
  author_id: integer().notNull().references(() => users.id, { onDelete: 'CASCADE' }),
  title: varchar(200).notNull(),
  slug: varchar(200).notNull().unique(),
  body: text().notNull().default(''),
  published: boolean().notNull().default(false),
  published_at: timestamp(),
  created_at: timestamp().notNull().default(sql`CURRENT_TIMESTAMP`),
  category_id: integer().references(() => categories.id, { onDelete: 'SET NULL' }),
});
