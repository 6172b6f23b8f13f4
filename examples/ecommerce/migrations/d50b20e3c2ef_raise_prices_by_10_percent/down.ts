import type { MigrationContext } from 'retort';

// Undoes up.ts: every price back to round(cents / 1.1), the exact price it had before,
// 500 rows at a time.
export default async function restorePrices(ctx: MigrationContext): Promise<void> {
  const { rows, batches } = await ctx.batch<{ id: number; price: number | string }>(
    { table: 'products', key: 'id', size: 500 },
    async (products) => {
      for (const product of products) {
        const cents = Math.round(Number(product.price) * 100);
        const restored = Math.round((cents * 10) / 11) / 100;
        await ctx.sql`UPDATE products SET price = ${restored} WHERE id = ${product.id}`;
      }
    },
  );
  ctx.log(`restored ${rows} prices in ${batches} batch${batches === 1 ? '' : 'es'}`);
}
