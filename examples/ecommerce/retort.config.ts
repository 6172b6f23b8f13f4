import { defineConfig } from 'retort';

// SQLite by default (a dev.db file next to this config); pass --url postgres://... to run
// the same revisions on PostgreSQL.
export default defineConfig({
  url: 'sqlite:./dev.db',
  dir: 'migrations',
  models: 'models.ts',
});
