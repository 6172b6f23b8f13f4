import { RetortError } from '@retort/core';
import type { Column, ForeignKey, Hazard, Operation, RenderedSql, RenderOptions, Schema } from '@retort/schema';
import { applyOperation, unknownOperation } from '@retort/schema';
import { constraintName, renderColumn, renderCreateIndex, renderCreateTable, renderCreateView, renderReferences } from './sqlite-ddl-table.js';
import { inlineForeignKeys, planRebuilds, type RebuildGroup } from './sqlite-ddl-plan.js';
import { foreignKeyCheckStatements, rebuildStatements, type RebuildInput } from './sqlite-rebuild.js';
import { quoteIdentifier as q } from './sqlite-quote.js';

/**
 * Renders operations as SQLite DDL for SQLite 3.35+ (or `options.targetVersion`; from
 * 3.53, NOT NULL changes and dropping a named CHECK use ALTER TABLE). What ALTER TABLE cannot do
 * becomes one rebuild per table (see {@link rebuildStatements}).
 *
 * Foreign keys during rebuilds: `DROP TABLE` on a table some foreign key points at runs an
 * implicit DELETE (firing CASCADE / SET NULL, or failing), and `PRAGMA foreign_keys` cannot
 * change inside a transaction. So when a rebuilt table is referenced by any foreign key,
 * the script is marked non-transactional and manages its own transaction:
 * `PRAGMA foreign_keys = OFF; BEGIN; ...; <foreign_key_check, failing on violations>;
 * COMMIT; PRAGMA foreign_keys = ON`. Otherwise it runs inside the runner's transaction
 * with foreign keys enforced throughout.
 *
 * @example
 * ```ts
 * renderSqlite([{ kind: 'renameColumn', table: 'users', from: 'name', to: 'full_name' }], { from: schema });
 * // { statements: ['ALTER TABLE "users" RENAME COLUMN "name" TO "full_name"'], transactional: true, hazards: [] }
 * ```
 */
export function renderSqlite(ops: readonly Operation[], options: RenderOptions): RenderedSql {
  const states: Schema[] = [options.from];
  for (const op of ops) states.push(applyOperation(states[states.length - 1] as Schema, op));
  const target = versionNumber(options.targetVersion ?? '3.35');
  const inline = inlineForeignKeys(ops);
  const { groups, absorbed } = planRebuilds(ops, states, target, inline.skipped);
  const body: string[] = [];
  const hazards: Hazard[] = [];
  let foreignKeysOff = false;
  if (ops.some((op) => op.kind === 'dropTable')) body.push('PRAGMA defer_foreign_keys = ON');
  ops.forEach((op, i) => {
    const group = groups.get(i);
    if (group) {
      body.push(...rebuildStatements(rebuildInput(group, states)));
      hazards.push({ code: 'TABLE_REWRITE', message: `Rebuilds table '${group.table}' (copies every row and recreates its indexes) because SQLite cannot ${group.reason} in place.`, table: group.table });
      foreignKeysOff ||= isReferenced(group, states);
    } else if (!absorbed.has(i) && !inline.skipped.has(i)) {
      const reference = inline.byColumn.get(i);
      body.push(...(reference && op.kind === 'addColumn' ? [addColumnWithReference(op.table, op.column, reference)] : renderOperation(op)));
    }
  });
  if (!foreignKeysOff) return { statements: body, transactional: true, hazards };
  hazards.push({
    code: 'NO_TRANSACTION',
    message: 'Runs outside the runner\'s transaction (with its own BEGIN/COMMIT) because rebuilding a table that foreign keys point at needs PRAGMA foreign_keys = OFF.',
  });
  const statements = ['PRAGMA foreign_keys = OFF', 'BEGIN', ...body.filter((s) => !s.startsWith('PRAGMA defer_foreign_keys')), ...foreignKeyCheckStatements(), 'COMMIT', 'PRAGMA foreign_keys = ON'];
  return { statements, transactional: false, hazards };
}

function rebuildInput(group: RebuildGroup, states: readonly Schema[]): RebuildInput {
  const schema = states[group.last] as Schema;
  const before = (states[group.first] as Schema).tables.find((t) => t.name === group.table);
  const after = (states[group.last + 1] as Schema).tables.find((t) => t.name === group.table);
  if (!before || !after) throw new RetortError('E_UNSUPPORTED', `Table '${group.table}' is missing around its rebuild; the operations do not fit the schema.`);
  return { before, after, sources: group.sources, schema };
}

/**
 * True when a foreign key may point at the rebuilt table while it is rebuilt. Other
 * tables' rebuilds are emitted at their last operation, so a foreign key dropped "before"
 * in the list may still exist: any state of the script that has one counts.
 */
function isReferenced(group: RebuildGroup, states: readonly Schema[]): boolean {
  return states.some((s) => s.tables.some((t) => t.foreignKeys.some((fk) => fk.references.table === group.table)));
}

function addColumnWithReference(table: string, column: Column, fk: ForeignKey): string {
  return `ALTER TABLE ${q(table)} ADD COLUMN ${renderColumn(column)} ${constraintName(fk.name)}${renderReferences(fk)}`;
}

function renderOperation(op: Operation): string[] {
  switch (op.kind) {
    case 'createTable':
      return [renderCreateTable(op.table), ...op.table.indexes.map((ix) => renderCreateIndex(op.table.name, ix))];
    case 'dropTable':
      return [`DROP TABLE ${q(op.table.name)}`];
    case 'renameTable':
      return [`ALTER TABLE ${q(op.from)} RENAME TO ${q(op.to)}`];
    case 'addColumn':
      return [`ALTER TABLE ${q(op.table)} ADD COLUMN ${renderColumn(op.column)}`];
    case 'dropColumn':
      return [`ALTER TABLE ${q(op.table)} DROP COLUMN ${q(op.column.name)}`];
    case 'renameColumn':
      return [`ALTER TABLE ${q(op.table)} RENAME COLUMN ${q(op.from)} TO ${q(op.to)}`];
    case 'alterColumn':
      if (op.from.nullable === op.to.nullable) return [];
      return [`ALTER TABLE ${q(op.table)} ALTER COLUMN ${q(op.to.name)} ${op.to.nullable ? 'DROP' : 'SET'} NOT NULL`];
    case 'dropCheck':
      return [`ALTER TABLE ${q(op.table)} DROP CONSTRAINT ${q(op.check.name ?? '')}`];
    case 'createIndex':
      return [renderCreateIndex(op.table, op.index)];
    case 'dropIndex':
      return [`DROP INDEX ${q(op.index.name)}`];
    case 'setTableComment':
      return [];
    case 'createView':
      return [renderCreateView(op.view)];
    case 'dropView':
      return [`DROP VIEW ${q(op.view.name)}`];
    case 'createTrigger':
      return [op.trigger.definition];
    case 'dropTrigger':
      return [`DROP TRIGGER ${q(op.trigger.name)}`];
    case 'addCheck':
    case 'addPrimaryKey':
    case 'dropPrimaryKey':
    case 'addUnique':
    case 'dropUnique':
    case 'addForeignKey':
    case 'dropForeignKey':
      // Always part of a rebuild; reaching here means the plan and the renderer disagree.
      throw new RetortError('E_UNSUPPORTED', `Operation '${op.kind}' on table '${op.table}' needs a table rebuild on SQLite; render it with renderSqlite over the whole list.`);
    case 'createEnum':
    case 'dropEnum':
    case 'alterEnum':
    case 'createSequence':
    case 'dropSequence':
    case 'alterSequence':
      throw new RetortError('E_UNSUPPORTED', `Operation '${op.kind}' has no SQLite form; SQLite has no enum types or sequences, so build the schema with the sqlite dialect (fromModels turns enums into CHECKs).`, {
        facts: { argument: op.kind },
      });
    default:
      return unknownOperation(op);
  }
}

/**
 * `'3.35'` as a comparable number (3035000); `'3.53.2'` gives 3053002.
 *
 * @example
 * ```ts
 * versionNumber('3.53') >= versionNumber('3.53'); // true
 * ```
 */
export function versionNumber(version: string): number {
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?$/.exec(version.trim());
  if (!m) {
    throw new RetortError('E_CONFIG', `SQLite target version '${version}' is not a version; write it like '3.35' or '3.53'.`, { facts: { argument: version } });
  }
  return Number(m[1]) * 1_000_000 + Number(m[2]) * 1_000 + Number(m[3] ?? 0);
}
