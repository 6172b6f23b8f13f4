import type { RevisionId } from '../migrations/schema.js';

/** The tutorial's revisions in order: sequential ids given with --rev-id. */
export const PATH = ['0001', '0002', '0003', '0004', '0005', '0006'] as const satisfies readonly RevisionId[];
