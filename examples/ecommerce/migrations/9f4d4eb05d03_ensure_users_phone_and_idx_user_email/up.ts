import type { MigrationContext, Schema } from 'retort';

// A conditional revision: databases patched by hand before they were put under Retort
// may lack users.phone or idx_user_email, or already have them. The live schema decides,
// and only what is missing is added, so the revision runs on every database.
export default async function ensurePhoneAndEmailIndex(ctx: MigrationContext<Schema>): Promise<void> {
  const users = await describeUsers(ctx);
  if (users.columns.includes('phone')) ctx.log('users.phone exists: kept');
  else {
    await ctx.execute('ALTER TABLE "users" ADD COLUMN "phone" varchar(20)');
    ctx.log('users.phone was missing: added');
  }
  if (users.indexes.includes('idx_user_email')) ctx.log('idx_user_email exists: kept');
  else {
    await ctx.execute('CREATE INDEX "idx_user_email" ON "users" ("email")');
    ctx.log('idx_user_email was missing: created');
  }
}

async function describeUsers(ctx: MigrationContext<Schema>): Promise<{ columns: string[]; indexes: string[] }> {
  let schema: Schema | undefined;
  try {
    schema = await ctx.introspect();
  } catch (error) {
    // The retort 0.1.0 CLI runs up.ts without an introspector ("introspect() is not
    // available in this context"); the programmatic API passes one. Until the CLI does,
    // read the two facts from the catalog directly.
    if (!/not available/.test((error as Error).message)) throw error;
  }
  if (schema !== undefined) {
    const table = schema.tables.find((t) => t.name === 'users');
    if (table === undefined) throw new Error("table 'users' does not exist; this revision needs the initial schema below it");
    return { columns: table.columns.map((c) => c.name), indexes: table.indexes.map((i) => i.name) };
  }
  const names = async (query: Promise<{ name: string }[]>) => (await query).map((row) => row.name);
  if (ctx.dialect === 'sqlite') {
    return {
      columns: await names(ctx.sql`SELECT name FROM pragma_table_info('users')`),
      indexes: await names(ctx.sql`SELECT name FROM pragma_index_list('users')`),
    };
  }
  return {
    columns: await names(ctx.sql`SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'users'`),
    indexes: await names(ctx.sql`SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'users'`),
  };
}
