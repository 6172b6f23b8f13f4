import type { RevisionId } from '../migrations/schema.js';

/** The exercise's revisions by what they do (ids checked against migrations/schema.ts). */
export const REV = {
  initial: '65536c21885d',
  bioAvatar: '359dd0611e95',
  categories: '08e67ac2855d',
  shortenUsername: 'fcba27451eaf',
} as const satisfies Record<string, RevisionId>;

/** The revisions in order, base first. */
export const PATH: readonly RevisionId[] = [REV.initial, REV.bioAvatar, REV.categories, REV.shortenUsername];
