import type { ForeignKey, Hazard, Operation, RenderedSql, RenderOptions, Schema, Table } from '@retort/schema';
import { applyOperation, stableKey, unknownOperation } from '@retort/schema';
import { alterColumnHazards, alterColumnSql } from './postgres-ddl-alter.js';
import { alterEnumSql } from './postgres-ddl-enum.js';
import { alterSequenceSql, createSequenceSql, createViewSql, disownSql, dropTriggerSql, dropViewSql, ownedBySql } from './postgres-ddl-objects.js';
import { renameDefaultNames } from './postgres-ddl-rename.js';
import {
  checkName,
  checkSql,
  columnSql,
  commentSql,
  createIndexSql,
  createTableSql,
  foreignKeyName,
  foreignKeySql,
  primaryKeyName,
  primaryKeySql,
  tableCommentsSql,
  uniqueName,
  uniqueSql,
} from './postgres-ddl-table.js';
import { renameColumnInExpression } from './postgres-schema-dialect-model.js';
import { quoteIdentifier as q, quoteLiteral } from './postgres-quote.js';

/** One statement and whether it may run inside a transaction. */
interface Step {
  readonly sql: string;
  readonly outside?: true;
}

const APPLY = { renameInExpression: renameColumnInExpression };
const KINDS = new Set<string>([
  'createTable', 'dropTable', 'renameTable', 'addColumn', 'dropColumn', 'renameColumn', 'alterColumn', 'addPrimaryKey', 'dropPrimaryKey',
  'addUnique', 'dropUnique', 'addForeignKey', 'dropForeignKey', 'addCheck', 'dropCheck', 'createIndex', 'dropIndex', 'setTableComment',
  'createView', 'dropView', 'createEnum', 'dropEnum', 'alterEnum', 'createSequence', 'dropSequence', 'alterSequence', 'createTrigger', 'dropTrigger',
] satisfies Operation['kind'][]);
const VOLATILE_DEFAULT = /\b(?:random|gen_random_uuid|uuid_generate_v[14]|clock_timestamp|timeofday|nextval)\s*\(/i;

/**
 * Renders operations as PostgreSQL DDL, in the order given (the diff's order: enums and
 * sequences before the tables using them, foreign-key targets first, cycles closed with
 * `ALTER TABLE ... ADD CONSTRAINT`, drops in reverse). Unnamed constraints are created with
 * the name PostgreSQL would give them, and renamed along with their table or column so
 * that name stays the default. Partitions are created as tables and attached once their
 * partitioned table exists; sequence ownership is set once the owning column exists.
 *
 * The script runs in the runner's transaction unless something cannot: `CREATE INDEX
 * CONCURRENTLY` (with `options.concurrentIndexes`, for indexes and unique constraints on
 * tables that already exist) and `ALTER TYPE ... ADD VALUE` whose new value a later
 * statement uses (or any, when `options.targetVersion` is below 12). Then `transactional`
 * is false and the script brackets the rest in its own `BEGIN`/`COMMIT` blocks, with those
 * statements between them (`ADD VALUE IF NOT EXISTS`, so a failed run can be repeated).
 *
 * @example
 * ```ts
 * renderPostgres([{ kind: 'renameColumn', table: 'users', from: 'name', to: 'full_name' }], { from: schema });
 * // { statements: ['ALTER TABLE "users" RENAME COLUMN "name" TO "full_name"'], transactional: true, hazards: [] }
 * ```
 */
export function renderPostgres(ops: readonly Operation[], options: RenderOptions): RenderedSql {
  // An unknown kind must fail as such, not as a schema the operations do not fit.
  for (const op of ops) if (!KINDS.has(op.kind)) unknownOperation(op as never);
  const states: Schema[] = [options.from];
  for (const op of ops) states.push(applyOperation(states[states.length - 1] as Schema, op, APPLY));
  const legacyEnums = options.targetVersion !== undefined && Number.parseFloat(options.targetVersion) < 12;
  const renderer = new Renderer(states, options.concurrentIndexes === true, legacyEnums);
  ops.forEach((op, i) => renderer.render(op, i));
  return renderer.finish();
}

class Renderer {
  private readonly steps: Step[] = [];
  private readonly hazards: Hazard[] = [];
  /** Statements waiting for a table to be created (partition attachment, sequence ownership). */
  private readonly waiting = new Map<string, string[]>();
  private readonly addedValues: { enumName: string; value: string; step: number }[] = [];
  private readonly created = new Set<string>();
  /** Foreign keys (`table\u0000name`) this script already dropped ahead of their operation. */
  private readonly droppedForeignKeys = new Set<string>();
  /** Foreign keys to add at the end of the script, once the keys they reference exist. */
  private readonly lateForeignKeys: string[] = [];

  constructor(
    private readonly states: readonly Schema[],
    private readonly concurrent: boolean,
    private readonly legacyEnums: boolean,
  ) {}

  private push(sql: string, outside = false): void {
    this.steps.push(outside ? { sql, outside: true } : { sql });
  }

  render(op: Operation, i: number): void {
    const before = this.states[i] as Schema;
    const after = this.states[i + 1] as Schema;
    const table = (schema: Schema, name: string): Table | undefined => schema.tables.find((t) => t.name === name);
    switch (op.kind) {
      case 'createTable': {
        const late = op.table.foreignKeys.filter((fk) => !referencesKey(after, fk));
        for (const fk of late) this.lateForeignKeys.push(`ALTER TABLE ${q(op.table.name)} ADD ${foreignKeySql(op.table.name, fk)}`);
        this.push(createTableSql(late.length === 0 ? op.table : { ...op.table, foreignKeys: op.table.foreignKeys.filter((fk) => !late.includes(fk)) }));
        for (const ix of op.table.indexes) this.push(createIndexSql(op.table.name, ix));
        for (const sql of tableCommentsSql(op.table)) this.push(sql);
        this.created.add(op.table.name);
        if (op.table.partitionOf) {
          const attach = this.attachSql(op.table, op.table.partitionOf.table);
          if (table(before, op.table.partitionOf.table)) attach.forEach((s) => this.push(s));
          else this.wait(op.table.partitionOf.table, attach);
        }
        this.release(op.table.name);
        return;
      }
      case 'dropTable':
        for (const child of before.tables.filter((t) => t.partitionOf?.table === op.table.name)) {
          this.push(`ALTER TABLE ${q(op.table.name)} DETACH PARTITION ${q(child.name)}`);
        }
        // DROP TABLE takes the sequences the table owns with it; keep them for their own drop.
        for (const s of before.sequences.filter((x) => x.ownedBy?.table === op.table.name)) this.push(disownSql(s.name));
        this.push(`DROP TABLE ${q(op.table.name)}`);
        return;
      case 'renameTable': {
        this.push(`ALTER TABLE ${q(op.from)} RENAME TO ${q(op.to)}`);
        const b = table(before, op.from);
        const a = table(after, op.to);
        if (b && a) renameDefaultNames(b, a, { kind: 'table', from: op.from, to: op.to }).forEach((s) => this.push(s));
        return;
      }
      case 'addColumn':
        this.push(`ALTER TABLE ${q(op.table)} ADD COLUMN ${columnSql(op.column)}`);
        if (op.column.comment !== undefined) this.push(commentSql('COLUMN', `${q(op.table)}.${q(op.column.name)}`, op.column.comment));
        if (!this.created.has(op.table) && (op.column.identity !== undefined || op.column.generated !== undefined || VOLATILE_DEFAULT.test(op.column.default ?? ''))) {
          this.hazards.push({ code: 'TABLE_REWRITE', message: `Adds column '${op.table}.${op.column.name}' whose value is computed for every existing row, which rewrites table '${op.table}' under an ACCESS EXCLUSIVE lock.`, table: op.table, column: op.column.name });
        }
        this.release(op.table);
        return;
      case 'dropColumn':
        for (const s of before.sequences.filter((x) => x.ownedBy?.table === op.table && x.ownedBy.column === op.column.name)) {
          this.push(disownSql(s.name));
        }
        this.push(`ALTER TABLE ${q(op.table)} DROP COLUMN ${q(op.column.name)}`);
        return;
      case 'renameColumn': {
        this.push(`ALTER TABLE ${q(op.table)} RENAME COLUMN ${q(op.from)} TO ${q(op.to)}`);
        const b = table(before, op.table);
        const a = table(after, op.table);
        if (b && a) renameDefaultNames(b, a, { kind: 'column', from: op.from, to: op.to }).forEach((s) => this.push(s));
        return;
      }
      case 'alterColumn':
        alterColumnSql(op.table, op.from, op.to).forEach((s) => this.push(s));
        this.hazards.push(...alterColumnHazards(op.table, op.from, op.to));
        return;
      case 'addPrimaryKey':
        this.push(`ALTER TABLE ${q(op.table)} ADD ${primaryKeySql(op.table, op.primaryKey)}`);
        return;
      case 'dropPrimaryKey':
        this.dropDependentForeignKeys(before, op.table, op.primaryKey.columns);
        this.push(`ALTER TABLE ${q(op.table)} DROP CONSTRAINT ${q(primaryKeyName(op.table, op.primaryKey))}`);
        return;
      case 'addUnique':
        if (this.concurrentFor(op.table, before)) {
          const name = uniqueName(op.table, op.unique);
          this.push(createIndexSql(op.table, { name, keys: op.unique.columns.map((column) => ({ column })), unique: true, ...(op.unique.nullsNotDistinct ? { nullsNotDistinct: true } : {}) }, true), true);
          const deferrable = op.unique.deferrable === undefined ? '' : ` DEFERRABLE INITIALLY ${op.unique.deferrable === 'deferred' ? 'DEFERRED' : 'IMMEDIATE'}`;
          this.push(`ALTER TABLE ${q(op.table)} ADD CONSTRAINT ${q(name)} UNIQUE USING INDEX ${q(name)}${deferrable}`);
        } else {
          this.push(`ALTER TABLE ${q(op.table)} ADD ${uniqueSql(op.table, op.unique)}`);
        }
        return;
      case 'dropUnique':
        this.dropDependentForeignKeys(before, op.table, op.unique.columns);
        this.push(`ALTER TABLE ${q(op.table)} DROP CONSTRAINT ${q(uniqueName(op.table, op.unique))}`);
        return;
      case 'addForeignKey': {
        const sql = `ALTER TABLE ${q(op.table)} ADD ${foreignKeySql(op.table, op.foreignKey)}`;
        if (referencesKey(after, op.foreignKey)) this.push(sql);
        else this.lateForeignKeys.push(sql);
        return;
      }
      case 'dropForeignKey': {
        const name = foreignKeyName(op.table, op.foreignKey);
        if (!this.droppedForeignKeys.delete(`${op.table}\u0000${name}`)) this.push(`ALTER TABLE ${q(op.table)} DROP CONSTRAINT ${q(name)}`);
        return;
      }
      case 'addCheck':
        this.push(`ALTER TABLE ${q(op.table)} ADD ${checkSql(op.table, op.check)}`);
        return;
      case 'dropCheck':
        this.push(`ALTER TABLE ${q(op.table)} DROP CONSTRAINT ${q(checkName(op.table, op.check))}`);
        return;
      case 'createIndex': {
        const concurrently = this.concurrentFor(op.table, before);
        this.push(createIndexSql(op.table, op.index, concurrently), concurrently);
        return;
      }
      case 'dropIndex':
        if (op.index.unique && op.index.where === undefined && op.index.keys.every((k) => k.column !== undefined)) {
          this.dropDependentForeignKeys(before, op.table, op.index.keys.map((k) => k.column as string));
        }
        this.push(`DROP INDEX ${q(op.index.name)}`);
        return;
      case 'setTableComment':
        this.push(commentSql('TABLE', q(op.table), op.to));
        return;
      case 'createView':
        createViewSql(op.view).forEach((s) => this.push(s));
        return;
      case 'dropView':
        this.push(dropViewSql(op.view));
        return;
      case 'createEnum':
        this.push(`CREATE TYPE ${q(op.enum.name)} AS ENUM (${op.enum.values.map(quoteLiteral).join(', ')})`);
        if (op.enum.comment !== undefined) this.push(`COMMENT ON TYPE ${q(op.enum.name)} IS ${quoteLiteral(op.enum.comment)}`);
        return;
      case 'dropEnum':
        this.push(`DROP TYPE ${q(op.enum.name)}`);
        return;
      case 'alterEnum': {
        const change = alterEnumSql(op, before, true);
        for (const sql of change.statements) {
          const value = change.added.find((v) => sql.includes(`ADD VALUE IF NOT EXISTS ${quoteLiteral(v)}`));
          if (value !== undefined) this.addedValues.push({ enumName: op.to.name, value, step: this.steps.length });
          this.push(sql);
        }
        return;
      }
      case 'createSequence':
        this.push(createSequenceSql(op.sequence));
        if (op.sequence.ownedBy) {
          const owner = op.sequence.ownedBy;
          const exists = table(before, owner.table)?.columns.some((c) => c.name === owner.column);
          if (exists) this.push(ownedBySql(op.sequence));
          else this.wait(owner.table, [ownedBySql(op.sequence)]);
        }
        return;
      case 'dropSequence':
        this.push(`DROP SEQUENCE ${q(op.sequence.name)}`);
        return;
      case 'alterSequence':
        alterSequenceSql(op.from, op.to).forEach((s) => this.push(s));
        return;
      case 'createTrigger':
        this.push(op.trigger.definition);
        return;
      case 'dropTrigger':
        this.push(dropTriggerSql(op.trigger));
        return;
      default:
        unknownOperation(op);
    }
  }

  /** Parent CHECKs the partition must hold, then the attachment. */
  private attachSql(child: Table, parentName: string): string[] {
    const final = this.states[this.states.length - 1] as Schema;
    const parent = final.tables.find((t) => t.name === parentName);
    const own = new Set(child.checks.map((c) => checkName(child.name, c)));
    const checks = (parent?.checks ?? []).filter((c) => !own.has(checkName(parentName, c)));
    return [
      ...checks.map((c) => `ALTER TABLE ${q(child.name)} ADD ${checkSql(parentName, c)}`),
      `ALTER TABLE ${q(parentName)} ATTACH PARTITION ${q(child.name)} ${(child.partitionOf as { bound: string }).bound}`,
    ];
  }

  /**
   * Drops the foreign keys that rely on a key about to go (PostgreSQL refuses to drop it
   * under them), remembering them so their own drop later is not repeated; the ones the
   * target schema keeps are added back at the end.
   */
  private dropDependentForeignKeys(before: Schema, table: string, columns: readonly string[]): void {
    const final = this.states[this.states.length - 1] as Schema;
    for (const t of before.tables) {
      for (const fk of t.foreignKeys) {
        if (fk.references.table !== table || !sameSet(fk.references.columns, columns)) continue;
        const name = foreignKeyName(t.name, fk);
        const key = `${t.name}\u0000${name}`;
        if (this.droppedForeignKeys.has(key)) continue;
        this.droppedForeignKeys.add(key);
        this.push(`ALTER TABLE ${q(t.name)} DROP CONSTRAINT ${q(name)}`);
        const kept = final.tables.find((x) => x.name === t.name)?.foreignKeys.some((k) => stableKey(k) === stableKey(fk));
        if (kept) this.lateForeignKeys.push(`ALTER TABLE ${q(t.name)} ADD ${foreignKeySql(t.name, fk)}`);
      }
    }
  }

  private wait(table: string, statements: string[]): void {
    this.waiting.set(table, [...(this.waiting.get(table) ?? []), ...statements]);
  }

  private release(table: string): void {
    const statements = this.waiting.get(table);
    if (!statements) return;
    this.waiting.delete(table);
    statements.forEach((s) => this.push(s));
  }

  /** True when an index on `table` should be built CONCURRENTLY: asked for, on a plain table that already existed. */
  private concurrentFor(table: string, before: Schema): boolean {
    if (!this.concurrent || this.created.has(table)) return false;
    const t = before.tables.find((x) => x.name === table);
    return t !== undefined && t.partitionBy === undefined;
  }

  finish(): RenderedSql {
    for (const [, statements] of this.waiting) statements.forEach((s) => this.push(s));
    this.waiting.clear();
    this.lateForeignKeys.forEach((s) => this.push(s));
    const steps = this.markEnumValues();
    const statements = steps.map((s) => s.sql);
    if (!steps.some((s) => s.outside)) return { statements: statements.map(withoutIfNotExists), transactional: true, hazards: this.hazards };
    const out: string[] = [];
    let open = false;
    for (const step of steps) {
      if (step.outside && open) {
        out.push('COMMIT');
        open = false;
      }
      if (!step.outside && !open) {
        out.push('BEGIN');
        open = true;
      }
      out.push(step.sql);
    }
    if (open) out.push('COMMIT');
    const hazards: Hazard[] = [
      ...this.hazards,
      {
        code: 'NO_TRANSACTION',
        message: 'Runs outside the runner\'s transaction, in its own BEGIN/COMMIT blocks, because CREATE INDEX CONCURRENTLY or a newly added enum value cannot run in or be used by the transaction that adds it; a failure can leave the blocks before it applied.',
      },
    ];
    return { statements: out, transactional: false, hazards };
  }

  /** An added enum value used by a later statement (or any, before PostgreSQL 12) must be committed first. */
  private markEnumValues(): Step[] {
    const steps = [...this.steps];
    for (const added of this.addedValues) {
      const literal = quoteLiteral(added.value);
      const used = this.legacyEnums || steps.slice(added.step + 1).some((s) => s.sql.includes(literal));
      if (used) steps[added.step] = { sql: (steps[added.step] as Step).sql, outside: true };
    }
    return steps;
  }
}

/** True when the table a foreign key points at has a primary key, unique constraint or plain unique index on exactly its columns. */
function referencesKey(schema: Schema, fk: ForeignKey): boolean {
  const target = schema.tables.find((t) => t.name === fk.references.table);
  if (!target) return fk.references.table.includes('.');
  const cols = fk.references.columns;
  return (
    (target.primaryKey !== undefined && sameSet(target.primaryKey.columns, cols)) ||
    target.uniques.some((u) => sameSet(u.columns, cols)) ||
    target.indexes.some((ix) => ix.unique && ix.where === undefined && ix.keys.every((k) => k.column !== undefined) && sameSet(ix.keys.map((k) => k.column as string), cols))
  );
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/** Inside a transaction an added enum value is new by construction: plain `ADD VALUE` reads better. */
function withoutIfNotExists(sql: string): string {
  return sql.replace(/^(ALTER TYPE .* ADD VALUE) IF NOT EXISTS /, '$1 ');
}
