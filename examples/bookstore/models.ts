import { boolean, char, check, index, integer, numeric, serial, sql, table, text, timestamp, varchar } from 'retort';

export const books = table('books', {
  id: serial().primaryKey(),
  isbn: varchar(13).notNull().unique(),
  title: varchar(255).notNull(),
  author: varchar(255).notNull(),
  publisher: varchar(255),
  published_year: integer(),
  genre: varchar(50),
  created_at: timestamp().notNull().default(sql`CURRENT_TIMESTAMP`),
  price: numeric(8, 2),
  page_count: integer(),
  description: text(),
});

export const reviews = table('reviews', {
  id: serial().primaryKey(),
  book_id: integer().notNull().references(() => books.id, { onDelete: 'CASCADE' }),
  reviewer_name: varchar(100).notNull(),
  rating: integer().notNull(),
  comment: text(),
  created_at: timestamp().notNull().default(sql`CURRENT_TIMESTAMP`),
}, (t) => [check('ck_reviews_rating', sql`rating BETWEEN 1 AND 5`), index('idx_reviews_book').on(t.book_id)]);

export const users = table('users', {
  id: serial().primaryKey(),
  email: varchar(255).notNull().unique(),
  name: varchar(100).notNull(),
  created_at: timestamp().notNull().default(sql`CURRENT_TIMESTAMP`),
  phone_number: varchar(20),
});

export const user_preferences = table('user_preferences', {
  user_id: integer().primaryKey().references(() => users.id, { onDelete: 'CASCADE' }),
  theme: varchar(20).notNull().default('light'),
  newsletter: boolean().notNull().default(true),
  language: char(2).notNull().default('en'),
});
