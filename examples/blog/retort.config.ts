import { defineConfig } from 'retort';

// The database URL comes from DIRECT_URL, read from the environment or from a .env file
// next to this config (copy .env.example to .env). DIRECT_URL is the name Prisma-style
// setups give the direct (non-pooled) connection that migrations need.
export default defineConfig({
  url: '${DIRECT_URL}',
  dir: 'migrations',
  models: 'models.ts',
});
