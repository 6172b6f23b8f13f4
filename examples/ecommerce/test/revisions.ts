import type { RevisionId } from '../migrations/schema.js';

/** The lab's revisions by what they do (ids checked against migrations/schema.ts). */
export const REV = {
  initial: '2cb1e98134fe',
  profileFields: '4e0d59cdf330',
  splitName: '92aa45ec48a0',
  indexes: '49073c0dbaf0',
  categories: 'ebb65a272b2a',
  orderStatuses: 'e5ae5387ec52',
  prices: 'd50b20e3c2ef',
  reviews: 'dbd347db6d9e',
  shipping: '305ec437cc2b',
  merge: '6352df050f79',
  ensurePhone: '9f4d4eb05d03',
  trigram: 'b8d2bf8b1363',
} as const satisfies Record<string, RevisionId>;

/** Targets that walk the whole history one revision at a time (the branch, then its merge). */
export const UPGRADE_PATH: readonly RevisionId[] = [
  REV.initial, REV.profileFields, REV.splitName, REV.indexes, REV.categories, REV.orderStatuses,
  REV.prices, REV.reviews, REV.shipping, REV.merge, REV.ensurePhone, REV.trigram,
];
