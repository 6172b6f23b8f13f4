import * as v from 'valibot';

/** The meta.json format version this Retort writes and reads natively. */
export const META_VERSION = 1;

const ID_PATTERN = /^[A-Za-z0-9_]+$/;

const revisionId = v.pipe(
  v.string('must be a revision id string'),
  v.regex(ID_PATTERN, 'must match [A-Za-z0-9_]+'),
);
const idList = v.array(revisionId, 'must be a list of revision ids');

/**
 * valibot schema of meta.json, format version 1. `packages/core/schema/meta.schema.json` is
 * the same contract as a JSON Schema for editors (`"$schema"` in the file).
 *
 * @example
 * ```ts
 * v.parse(metaSchemaV1, { version: 1, id: 'a1', parents: [] });
 * ```
 */
export const metaSchemaV1 = v.strictObject({
  $schema: v.optional(v.string('must be a string')),
  version: v.literal(1, 'must be 1'),
  id: revisionId,
  parents: idList,
  message: v.optional(v.string('must be a string'), ''),
  createdAt: v.optional(v.pipe(v.string('must be a string'), v.isoTimestamp('must be an ISO 8601 timestamp'))),
  branchLabels: v.optional(
    v.array(
      v.pipe(v.string('must be a label string'), v.regex(/^[A-Za-z0-9_.-]+$/, 'must match [A-Za-z0-9_.-]+')),
      'must be a list of labels',
    ),
    [],
  ),
  dependsOn: v.optional(
    v.array(
      v.pipe(v.string('must be a revision id or branch label'), v.regex(/^[A-Za-z0-9_.-]+$/, 'must match [A-Za-z0-9_.-]+')),
      'must be a list of revision ids or branch labels',
    ),
    [],
  ),
  transactional: v.optional(v.boolean('must be true or false'), true),
});

/** meta.json as read and defaulted. */
export type RevisionMeta = v.InferOutput<typeof metaSchemaV1>;

/** meta.json as written (defaults may be omitted). */
export type RevisionMetaInput = v.InferInput<typeof metaSchemaV1>;

/** True when `id` is a valid revision id (`[A-Za-z0-9_]+`). */
export function isValidRevisionId(id: string): boolean {
  return ID_PATTERN.test(id);
}
