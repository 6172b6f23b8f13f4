// The lab's own test suite, ported: upgrade head creates the tables, downgrade base leaves
// only the version tables, there is one head, and up -> down -> up changes nothing.
import { HEAD } from '../migrations/schema.js';
import { DIALECTS, ignoringColumnOrder, migrate, retort, retortJson, type LabDatabase } from './harness.js';
import { REV, UPGRADE_PATH } from './revisions.js';
import type { Schema } from 'retort';

const TABLES_AT_HEAD = [
  'categories', 'order_items', 'order_statuses', 'orders', 'products', 'retort_history', 'retort_version', 'reviews', 'shipping_options', 'users',
];

describe.each(DIALECTS)('the e-commerce lab on %s', (_name, create) => {
  let db: LabDatabase;
  beforeAll(async () => {
    db = await create('ecommerce_lab');
  });
  afterAll(() => db?.dispose());
  beforeEach(() => db.reset());

  test('upgrade head creates every table', async () => {
    const result = retortJson<{ steps: { revision: string; status: string }[]; heads: string[] }>(['upgrade', 'head', '--url', db.url()]);
    expect(result.steps.map((s) => s.revision)).toHaveLength(12);
    expect(result.heads).toEqual([HEAD]);
    expect(await db.tables()).toEqual(TABLES_AT_HEAD);
  });

  test('downgrade base leaves only the version tables', async () => {
    migrate(db, 'upgrade', 'head');
    const result = retortJson<{ heads: string[] }>(['downgrade', 'base', '--url', db.url()]);
    expect(result.heads).toEqual([]);
    expect(await db.tables()).toEqual(['retort_history', 'retort_version']);
    expect(await db.query('SELECT revision FROM retort_version')).toEqual([]);
  });

  test('up -> down -> up leaves the same schema', async () => {
    migrate(db, 'upgrade', 'head');
    const first = await db.introspect();
    migrate(db, 'downgrade', 'base');
    migrate(db, 'upgrade', 'head');
    expect(await db.introspect()).toEqual(first);
    expect(first.tables.map((t) => t.name).sort()).toEqual(TABLES_AT_HEAD.filter((t) => !t.startsWith('retort_')));
  });

  test('every downgrade restores the schema its revisions started from', async () => {
    const before = new Map<string, Schema>();
    for (const target of UPGRADE_PATH) {
      migrate(db, 'upgrade', target);
      before.set(target, ignoringColumnOrder(await db.introspect()));
    }
    // Downgrading to a revision removes what came after it; at the merge, `downgrade <shipping>`
    // unmerges (both branches stay), then `downgrade <prices>` removes both branches.
    const downgradePath = [REV.ensurePhone, REV.merge, REV.shipping, REV.prices, REV.orderStatuses, REV.categories, REV.indexes, REV.splitName, REV.profileFields, REV.initial];
    for (const target of downgradePath) {
      migrate(db, 'downgrade', target);
      expect({ target, schema: ignoringColumnOrder(await db.introspect()) }).toEqual({ target, schema: before.get(target) });
    }
    migrate(db, 'downgrade', 'base');
    expect((await db.introspect()).tables).toEqual([]);
  });
});

describe('the revision graph', () => {
  test('has exactly one head', () => {
    expect(retortJson(['heads'])).toEqual({ ok: true, heads: [REV.trigram] });
    expect(HEAD).toBe(REV.trigram);
  });

  test('history --graph shows the reviews branch beside the shipping options and their merge', () => {
    const run = retort(['history', '--graph']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        '* 9f4d4eb05d03 -> b8d2bf8b1363 (head) (reviews), trigram search on product names',
        '* 6352df050f79 -> 9f4d4eb05d03 (reviews), ensure users.phone and idx_user_email',
        '* 305ec437cc2b, dbd347db6d9e -> 6352df050f79 (mergepoint) (reviews), merge reviews into main',
        '|\\',
        '* | d50b20e3c2ef -> 305ec437cc2b, add shipping options',
        '| * d50b20e3c2ef -> dbd347db6d9e (reviews), add reviews',
        '|/',
        '* e5ae5387ec52 -> d50b20e3c2ef (branchpoint), raise prices by 10 percent',
        '* ebb65a272b2a -> e5ae5387ec52, normalize order status',
        '* 49073c0dbaf0 -> ebb65a272b2a, add product categories',
        '* 92aa45ec48a0 -> 49073c0dbaf0, performance indexes',
        '* 4e0d59cdf330 -> 92aa45ec48a0, split name into first and last',
        '* 2cb1e98134fe -> 4e0d59cdf330, add user profile fields',
        '* <base> -> 2cb1e98134fe, initial schema',
        '',
      ].join('\n'),
    );
  });

  test('the merge joins the two branches and the feature branch carries its label', () => {
    const show = retortJson<{ revisions: { id: string; parents: string[]; branchLabels: string[] }[] }>(['show', REV.merge]);
    expect(show.revisions.map((r) => r.parents)).toEqual([[REV.shipping, REV.reviews]]);
    const reviews = retortJson<{ revisions: { id: string; branchLabels: string[] }[] }>(['show', 'reviews']);
    expect(reviews.revisions.map((r) => [r.id, r.branchLabels])).toEqual([[REV.reviews, ['reviews']]]);
  });

  test('the models match head: autogenerate would write nothing', () => {
    const run = retort(['check', '--no-database']);
    expect({ code: run.code, stdout: run.stdout }).toEqual({ code: 0, stdout: '✓ Models and migrations agree.\n' });
  });
});
