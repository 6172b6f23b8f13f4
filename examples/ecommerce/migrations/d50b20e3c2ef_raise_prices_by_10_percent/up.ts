import type { MigrationContext } from 'retort';

// Raises every product price by 10 %, walking products 500 rows at a time with ctx.batch()
// (the CLI reports the rows done as it goes). Prices are handled in whole cents:
// new = round(cents * 1.1), which down.ts undoes exactly, because round(new / 1.1) is the
// old price again for every amount in cents.
export default async function raisePrices(ctx: MigrationContext): Promise<void> {
  const { rows, batches } = await ctx.batch<{ id: number; price: number | string }>(
    { table: 'products', key: 'id', size: 500 },
    async (products) => {
      for (const product of products) {
        const cents = Math.round(Number(product.price) * 100);
        const raised = Math.round((cents * 11) / 10) / 100;
        await ctx.sql`UPDATE products SET price = ${raised} WHERE id = ${product.id}`;
      }
    },
  );
  ctx.log(`raised ${rows} prices by 10 % in ${batches} batch${batches === 1 ? '' : 'es'}`);
}
