import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SqlScript } from '../dialect/types.js';
import { RetortError } from '../errors.js';
import type { Direction } from '../graph/types.js';
import { EMPTY_SHA256, sha256Hex } from '../util/sha256.js';
import { parseSqlDirectives } from './sql-directives.js';
import type { StoredRevision } from './stored-revision.js';

/** The file a revision runs in one direction on one dialect, read and split. */
export type RevisionScript =
  | {
      readonly kind: 'sql';
      /** Path of the file that runs (the dialect override when there is one). */
      readonly file: string;
      readonly checksum: string;
      readonly transactional: boolean;
      readonly script: SqlScript;
    }
  | {
      readonly kind: 'program';
      readonly file: string;
      readonly checksum: string;
      readonly transactional: boolean;
    };

/** Options for {@link readRevisionScript}. */
export interface ReadScriptOptions {
  readonly dialect: string;
  readonly splitStatements: (text: string) => SqlScript['statements'];
}

/**
 * Finds and reads what a revision runs in one direction: `up.<dialect>.sql`, else `up.sql`,
 * else `up.<dialect>.ts` / `up.ts` (likewise for down). A missing down file means the
 * revision is irreversible (`E_IRREVERSIBLE`); a missing up file is an empty upgrade (a
 * merge point usually has nothing to run).
 *
 * @example
 * ```ts
 * const script = readRevisionScript(revision, 'up', { dialect: 'sqlite', splitStatements });
 * if (script.kind === 'sql') console.log(script.script.statements.length);
 * ```
 */
export function readRevisionScript(
  revision: StoredRevision,
  direction: Direction,
  options: ReadScriptOptions,
): RevisionScript {
  const file = findRevisionFile(revision, direction, options.dialect);
  if (file === undefined) {
    if (direction === 'down') {
      throw new RetortError(
        'E_IRREVERSIBLE',
        `Revision '${revision.id}' has no down.sql, so it cannot be downgraded; write ${join(revision.path, 'down.sql')} or use \`retort stamp\` to move past it.`,
        { facts: { revision: revision.id, file: join(revision.path, 'down.sql') } },
      );
    }
    return emptyScript(join(revision.path, 'up.sql'), revision.transactional);
  }
  const text = readFileSync(file, 'utf8');
  const checksum = sha256Hex(text);
  if (file.endsWith('.ts')) return { kind: 'program', file, checksum, transactional: revision.transactional };
  const directives = parseSqlDirectives(text, file);
  return {
    kind: 'sql',
    file,
    checksum,
    transactional: revision.transactional && !directives.noTransaction,
    script: { text, statements: options.splitStatements(text) },
  };
}

/**
 * The path of the file a revision runs in one direction on a dialect, or undefined when
 * there is none. Having both SQL and TypeScript for the same direction is an error.
 */
export function findRevisionFile(revision: StoredRevision, direction: Direction, dialect: string): string | undefined {
  const candidates = [`${direction}.${dialect}.sql`, `${direction}.sql`, `${direction}.${dialect}.ts`, `${direction}.ts`];
  const found = candidates.map((name) => join(revision.path, name)).filter((path) => existsSync(path));
  const sql = found.find((path) => path.endsWith('.sql'));
  const program = found.find((path) => path.endsWith('.ts'));
  if (sql !== undefined && program !== undefined && sameSpecificity(sql, program, dialect)) {
    throw new RetortError(
      'E_INVALID_FILE',
      `Revision '${revision.id}' has both ${sql} and ${program}; keep one of them.`,
      { facts: { revision: revision.id, file: program } },
    );
  }
  return sql ?? program;
}

function sameSpecificity(a: string, b: string, dialect: string): boolean {
  return a.includes(`.${dialect}.`) === b.includes(`.${dialect}.`);
}

function emptyScript(file: string, transactional: boolean): RevisionScript {
  return { kind: 'sql', file, checksum: EMPTY_SHA256, transactional, script: { text: '', statements: [] } };
}
