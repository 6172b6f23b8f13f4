import { defineConfig } from 'retort';

// SQLite by default; scripts/migrate.ts and the CLI both read this file. Set
// BOOKSTORE_DATABASE_URL (for example postgres://postgres@127.0.0.1:5432/bookstore) to use
// another database.
export default defineConfig({
  url: '${BOOKSTORE_DATABASE_URL:-sqlite:./bookstore.db}',
  dir: 'migrations',
  models: 'models.ts',
});
