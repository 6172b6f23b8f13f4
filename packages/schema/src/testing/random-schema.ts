import type { RenameResolver } from '../rename-resolver.js';
import type {
  CheckConstraint,
  Column,
  EnumType,
  ForeignKey,
  Index,
  ReferentialAction,
  Schema,
  Sequence,
  Table,
  Trigger,
  View,
} from '../schema-ir.js';
import type { Random } from './random.js';

/** Options for {@link randomSchemaPair}. */
export interface RandomSchemaOptions {
  /** Which dialect's features to use: SQLite adds triggers, AUTOINCREMENT and virtual columns; Postgres enums and sequences. */
  readonly dialect: 'sqlite' | 'postgres';
}

/**
 * Two schemas and the renames that lead from one to the other. Both are raw IR: normalize
 * them for the dialect before comparing with introspection. Rows made by `sampleRows(a)`
 * satisfy the constraints of both `a` and `b`, so applying the migration must keep them.
 */
export interface SchemaPair {
  readonly a: Schema;
  readonly b: Schema;
  /** Answers the diff's rename questions with the renames made. */
  readonly resolveRename: RenameResolver;
  /** `b`'s table name for each table of `a` that survives. */
  readonly tableMap: ReadonlyMap<string, string>;
  /** `b`'s column name for each surviving column, keyed `aTable.aColumn`. */
  readonly columnMap: ReadonlyMap<string, string>;
}

const TABLE_NAMES = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa'];
const COLUMN_NAMES = ['name', 'qty', 'price', 'note', 'code', 'score', 'label', 'ref', 'size', 'rank', 'tag', 'memo'];
const TYPES = ['integer', 'text', 'real', 'varchar(20)', 'numeric(10,2)'];
const ACTIONS: ReferentialAction[] = ['NO ACTION', 'CASCADE', 'SET NULL', 'RESTRICT'];

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type MTable = Mutable<Table> & {
  columns: Column[];
  uniques: Mutable<Table>['uniques'] extends readonly (infer U)[] ? U[] : never;
  foreignKeys: ForeignKey[];
  checks: CheckConstraint[];
  indexes: Index[];
};

/**
 * A random schema A and a random schema B derived from it by the changes a migration
 * makes: tables added, dropped and renamed; columns added, dropped, renamed and altered;
 * keys, uniques, checks, foreign keys, indexes (partial, expression), views, triggers,
 * enums and sequences changed. Used by the property tests of every dialect.
 *
 * @example
 * ```ts
 * const { a, b, resolveRename } = randomSchemaPair(seededRandom(7), { dialect: 'sqlite' });
 * const ops = diff(normalizeSchema(a, d), normalizeSchema(b, d), { resolveRename });
 * ```
 */
export function randomSchemaPair(random: Random, options: RandomSchemaOptions): SchemaPair {
  const gen = new Generator(random, options);
  const a = gen.schemaA();
  return gen.mutate(a);
}

class Generator {
  private readonly r: Random;
  private readonly sqlite: boolean;
  private indexCounter = 0;

  constructor(random: Random, options: RandomSchemaOptions) {
    this.r = random;
    this.sqlite = options.dialect === 'sqlite';
  }

  schemaA(): Schema {
    const names = shuffle(this.r, TABLE_NAMES).slice(0, this.r.int(1, 4));
    const enums: EnumType[] = !this.sqlite && this.r.chance(0.3) ? [{ name: 'mood', values: ['sad', 'ok', 'happy'] }] : [];
    const tables = names.map((n) => this.table(n, enums));
    for (const t of tables) this.addForeignKeys(t, tables);
    return {
      tables,
      views: this.views(tables),
      enums,
      sequences: !this.sqlite && this.r.chance(0.2) ? [sequence('counter_seq', '1')] : [],
      triggers: this.triggers(tables),
    };
  }

  private table(name: string, enums: readonly EnumType[]): MTable {
    const t: MTable = { name, columns: [], uniques: [], foreignKeys: [], checks: [], indexes: [] };
    const pkKind = this.r.pick(['single', 'single', 'single', 'single', 'composite', 'none']);
    if (pkKind !== 'none') {
      const id: Mutable<Column> = { name: 'id', type: 'integer', nullable: false };
      if (pkKind === 'single' && this.sqlite && this.r.chance(0.15)) id.autoincrement = true;
      t.columns.push(id);
    }
    for (const col of shuffle(this.r, COLUMN_NAMES).slice(0, this.r.int(1, 4))) t.columns.push(this.column(col, enums));
    if (pkKind === 'single') t.primaryKey = { columns: ['id'] };
    if (pkKind === 'composite') t.primaryKey = { ...(this.r.chance(0.5) ? { name: `pk_${name}` } : {}), columns: ['id', (t.columns[1] as Column).name] };
    if (pkKind === 'composite') t.columns[1] = { ...(t.columns[1] as Column), nullable: false };
    for (const c of plainColumns(t)) {
      if (this.r.chance(0.2) && !enums.some((e) => e.name === c.type)) t.uniques.push(this.named(`uq_${name}_${c.name}`, { columns: [c.name] }));
      if (this.r.chance(0.2)) t.checks.push(this.check(t, c));
    }
    const nIndexes = this.r.int(0, 2);
    for (let i = 0; i < nIndexes; i++) {
      const index = this.index(t);
      if (index) t.indexes.push(index);
    }
    if (this.r.chance(0.1)) {
      const source = t.columns.find((c) => c.type === 'integer');
      if (source) {
        const stored = this.sqlite ? this.r.chance(0.5) : true;
        t.columns.push({ name: 'twice', type: 'integer', nullable: true, generated: { expression: `"${source.name}" * 2`, stored } });
      }
    }
    return t;
  }

  private column(name: string, enums: readonly EnumType[]): Column {
    const enumType = enums[0];
    const type = enumType && this.r.chance(0.2) ? enumType.name : this.r.pick(TYPES);
    const c: Mutable<Column> = { name, type, nullable: this.r.chance(0.6) };
    if (this.r.chance(0.4)) c.default = defaultFor(type, this.r, enumType);
    return c;
  }

  private named<T extends object>(name: string, value: T): T & { name?: string } {
    return this.r.chance(0.5) ? { name, ...value } : value;
  }

  private check(t: MTable, c: Column): CheckConstraint {
    const expression = isNumeric(c.type) ? `"${c.name}" >= 0` : isText(c.type) ? `length("${c.name}") < 1000` : `"${c.name}" IS NOT NULL OR "${c.name}" IS NULL`;
    return this.named(`ck_${t.name}_${c.name}`, { expression });
  }

  private index(t: MTable): Index | undefined {
    const candidates = plainColumns(t);
    const c = candidates.length > 0 ? this.r.pick(candidates) : undefined;
    if (!c) return undefined;
    const name = `ix_${++this.indexCounter}_${t.name}`;
    const text = isText(c.type);
    const key = text && this.r.chance(0.3) ? { expression: `lower("${c.name}")` } : { column: c.name };
    return {
      name,
      keys: [this.r.chance(0.2) ? { ...key, descending: true as const } : key],
      unique: this.r.chance(0.2) && !c.type.startsWith('mood'),
      ...(this.r.chance(0.25) ? { where: `"${c.name}" IS NOT NULL` } : {}),
    };
  }

  private addForeignKeys(t: MTable, tables: readonly MTable[]): void {
    for (const c of t.columns) {
      if (c.type !== 'integer' || c.generated || t.primaryKey?.columns.includes(c.name) || !this.r.chance(0.3)) continue;
      const targets = tables.filter(hasIntegerKey);
      if (targets.length === 0) continue;
      const target = this.r.pick(targets);
      t.foreignKeys.push(
        this.named(`fk_${t.name}_${c.name}`, {
          columns: [c.name],
          references: { table: target.name, columns: [(target.primaryKey?.columns[0] as string)] },
          onDelete: this.r.pick(ACTIONS),
          onUpdate: this.r.pick(['NO ACTION', 'CASCADE'] as ReferentialAction[]),
          ...(this.r.chance(0.15) ? { deferrable: 'deferred' as const } : {}),
        }),
      );
    }
  }

  private views(tables: readonly Table[]): View[] {
    return tables
      .filter(() => this.r.chance(0.25))
      .map((t) => ({ name: `v_${t.name}`, definition: `SELECT count(*) AS n FROM "${t.name}"` }));
  }

  private triggers(tables: readonly Table[]): Trigger[] {
    if (!this.sqlite) return [];
    return tables
      .filter(() => this.r.chance(0.2))
      .map((t) => ({ name: `tr_${t.name}`, table: t.name, definition: `CREATE TRIGGER "tr_${t.name}" AFTER INSERT ON "${t.name}" BEGIN SELECT 1; END` }));
  }

  mutate(a: Schema): SchemaPair {
    const tableMap = new Map<string, string>();
    const columnMap = new Map<string, string>();
    const used = new Set(a.tables.map((t) => t.name));
    const renamedTables = new Map<string, string>();
    const renamedColumns = new Map<string, string>();
    const out: MTable[] = [];
    // Rows must survive the way back too: a table other tables point at is never dropped
    // (down would recreate it empty under their foreign keys).
    const referenced = new Set(a.tables.flatMap((t) => t.foreignKeys.filter((fk) => fk.references.table !== t.name).map((fk) => fk.references.table)));
    for (const original of a.tables) {
      const roll = this.r.next();
      if (roll < 0.12 && !referenced.has(original.name)) continue; // dropped
      const t = cloneTable(original);
      // A rename is recognized by shared non-key columns: only tables that have some.
      if (roll < 0.22 && plainColumns(original).length > 0) {
        const fresh = TABLE_NAMES.find((n) => !used.has(n));
        if (fresh) {
          used.add(fresh);
          renamedTables.set(original.name, fresh);
          t.name = fresh;
          if (this.r.chance(0.5)) t.columns.push({ name: 'extra', type: 'text', nullable: true });
          for (const c of original.columns) columnMap.set(`${original.name}.${c.name}`, c.name);
          tableMap.set(original.name, fresh);
          out.push(t);
          continue;
        }
      }
      tableMap.set(original.name, t.name);
      this.mutateColumns(t, original, a, columnMap, renamedColumns);
      this.mutateConstraints(t, a);
      out.push(t);
    }
    // Renamed tables change their name in foreign keys pointing at them.
    for (const t of out) {
      t.foreignKeys = t.foreignKeys.map((fk) => {
        const to = renamedTables.get(fk.references.table);
        return to ? { ...fk, references: { ...fk.references, table: to } } : fk;
      });
    }
    const enums = [...a.enums];
    for (let i = this.r.int(0, 2); i > 0; i--) {
      const fresh = TABLE_NAMES.find((n) => !used.has(n));
      if (!fresh) break;
      used.add(fresh);
      out.push(this.table(fresh, enums));
    }
    this.fixForeignKeys(out, a, tableMap);
    for (const t of out) if (!a.tables.some((x) => tableMap.get(x.name) === t.name)) this.addForeignKeys(t, out.filter((x) => x === t || a.tables.some((y) => tableMap.get(y.name) === x.name)));
    const b: Schema = {
      tables: out,
      views: [...a.views.filter((v) => out.some((t) => v.definition.includes(`"${t.name}"`)) && this.r.chance(0.7)), ...this.views(out).filter((v) => !a.views.some((x) => x.name === v.name))],
      enums: enums.map((e) => (this.r.chance(0.2) ? { ...e, values: [...e.values, 'ecstatic'] } : e)),
      sequences: a.sequences.filter(() => this.r.chance(0.8)).map((s) => (this.r.chance(0.3) ? { ...s, increment: '2' } : s)),
      triggers: [
        ...a.triggers.filter((tr) => out.some((t) => t.name === tr.table) && this.r.chance(0.7)),
        ...this.triggers(out).filter((tr) => !a.triggers.some((x) => x.name === tr.name)),
      ],
    };
    const resolveRename: RenameResolver = (q) =>
      q.kind === 'table' ? (renamedTables.get(q.from) ?? null) : (renamedColumns.get(`${q.table}.${q.from}`) ?? null);
    return { a, b, resolveRename, tableMap, columnMap };
  }

  private mutateColumns(t: MTable, original: Table, a: Schema, columnMap: Map<string, string>, renamed: Map<string, string>): void {
    const referenced = (col: string): boolean =>
      a.tables.some((x) => x.foreignKeys.some((fk) => fk.references.table === original.name && fk.references.columns.includes(col)));
    const usedNames = new Set(t.columns.map((c) => c.name));
    const next: Column[] = [];
    for (const c of t.columns) {
      const key = t.primaryKey?.columns.includes(c.name) || referenced(c.name) || c.generated !== undefined || isUsedByGenerated(t, c.name);
      const roll = this.r.next();
      // Down re-adds a dropped column empty (NULL): only columns that may be NULL, have no
      // default (it could break a foreign key) and need not be unique.
      const droppable = c.nullable && c.default === undefined && !t.uniques.some((u) => u.columns.includes(c.name)) && !t.indexes.some((ix) => ix.unique && ix.keys.some((k) => k.column === c.name || k.expression?.includes(`"${c.name}"`)));
      const last = next.length === 0 && c === t.columns[t.columns.length - 1];
      if (!key && droppable && !last && roll < 0.12) {
        removeColumnUses(t, c.name);
        continue;
      }
      if (!key && roll < 0.22) {
        const fresh = COLUMN_NAMES.map((n) => `${n}_2`).find((n) => !usedNames.has(n)) as string;
        usedNames.add(fresh);
        renameColumnUses(t, c.name, fresh);
        renamed.set(`${t.name}.${c.name}`, fresh);
        columnMap.set(`${original.name}.${c.name}`, fresh);
        next.push({ ...c, name: fresh });
        continue;
      }
      columnMap.set(`${original.name}.${c.name}`, c.name);
      next.push(!key && roll < 0.4 ? this.alterColumn(c, a.enums[0]) : c);
    }
    t.columns = next;
    for (let i = this.r.int(0, 2); i > 0; i--) {
      const name = COLUMN_NAMES.map((n) => `${n}_new`).find((n) => !usedNames.has(n)) as string;
      usedNames.add(name);
      const type = this.r.pick(TYPES);
      const nullable = this.r.chance(0.6);
      t.columns.push({ name, type, nullable, ...(nullable && this.r.chance(0.5) ? {} : { default: defaultFor(type, this.r, undefined) }) });
    }
    // Checks and expression indexes follow the column's new type.
    t.checks = t.checks.filter((ck) => t.columns.some((c) => ck.expression.includes(`"${c.name}"`) && checkFits(ck.expression, c)));
    t.indexes = t.indexes.filter((ix) => ix.keys.every((k) => k.expression === undefined || t.columns.some((c) => k.expression.includes(`"${c.name}"`) && isText(c.type))));
  }

  private alterColumn(c: Column, enumType: EnumType | undefined): Column {
    const out: Mutable<Column> = { ...c };
    const what = this.r.int(0, 2);
    if (what === 0) out.nullable = !c.nullable;
    if (what === 1) {
      if (c.default === undefined || this.r.chance(0.5)) out.default = defaultFor(c.type, this.r, enumType);
      else delete out.default;
    }
    if (what === 2 && !(enumType && c.type === enumType.name)) {
      // Postgres converts existing values on a type change: only widen to text there.
      out.type = this.sqlite ? this.r.pick(TYPES.filter((x) => x !== c.type)) : c.type === 'text' ? 'varchar(20)' : 'text';
      if (c.default !== undefined) out.default = defaultFor(out.type, this.r, enumType);
    }
    return out;
  }

  private mutateConstraints(t: MTable, a: Schema): void {
    const original = a.tables.find((x) => x.name === t.name);
    const existing = plainColumns(t).filter((c) => original?.columns.some((o) => o.name === c.name));
    if (t.uniques.length > 0 && this.r.chance(0.2)) t.uniques.splice(this.r.int(0, t.uniques.length - 1), 1);
    if (existing.length > 0 && this.r.chance(0.2)) {
      const c = this.r.pick(existing);
      if (!t.uniques.some((u) => u.columns.length === 1 && u.columns[0] === c.name) && !a.enums.some((e) => e.name === c.type)) {
        t.uniques.push({ columns: [c.name] });
      }
    }
    if (t.checks.length > 0 && this.r.chance(0.2)) t.checks.splice(this.r.int(0, t.checks.length - 1), 1);
    if (existing.length > 0 && this.r.chance(0.2)) {
      const check = this.check(t, this.r.pick(existing));
      if (!t.checks.some((c) => c.expression === check.expression || (c.name !== undefined && c.name === check.name))) t.checks.push(check);
    }
    if (t.indexes.length > 0 && this.r.chance(0.25)) t.indexes.splice(this.r.int(0, t.indexes.length - 1), 1);
    if (this.r.chance(0.25)) {
      const index = this.index(t);
      if (index && !index.unique) t.indexes.push(index);
      else if (index && existing.some((c) => index.keys.some((k) => k.column === c.name || k.expression?.includes(`"${c.name}"`)))) t.indexes.push(index);
    }
    if (t.foreignKeys.length > 0 && this.r.chance(0.2)) t.foreignKeys.splice(this.r.int(0, t.foreignKeys.length - 1), 1);
    if (this.r.chance(0.08)) {
      if (t.primaryKey) {
        delete t.primaryKey;
        t.columns = t.columns.map((c) => {
          if (!c.autoincrement) return c;
          const { autoincrement: _dropped, ...rest } = c;
          return rest;
        });
      } else if (existing.length > 0) {
        const c = this.r.pick(existing.filter((x) => !a.enums.some((e) => e.name === x.type)).concat(existing).slice(0, 1));
        t.primaryKey = { columns: [c.name] };
        t.columns = t.columns.map((x) => (x.name === c.name ? { ...x, nullable: false } : x));
      }
    }
  }

  /** Foreign keys in B may only point at single integer keys of tables that keep their rows. */
  private fixForeignKeys(tables: MTable[], a: Schema, tableMap: ReadonlyMap<string, string>): void {
    const survivors = new Set(tableMap.values());
    for (const t of tables) {
      t.foreignKeys = t.foreignKeys.filter((fk) => {
        const target = tables.find((x) => x.name === fk.references.table);
        const own = t.columns.find((c) => c.name === fk.columns[0]);
        return target !== undefined && own?.type === 'integer' && hasIntegerKey(target) && target.primaryKey?.columns[0] === fk.references.columns[0] && (survivors.has(target.name) || target === t);
      });
    }
    for (const t of tables) {
      if (!survivors.has(t.name) || !this.r.chance(0.15)) continue;
      const original = a.tables.find((x) => tableMap.get(x.name) === t.name);
      const c = t.columns.find((col) => col.type === 'integer' && !col.generated && !t.primaryKey?.columns.includes(col.name) && original?.columns.some((o) => o.name === col.name && o.type === 'integer'));
      const targets = tables.filter((x) => hasIntegerKey(x) && survivors.has(x.name));
      if (c && targets.length > 0 && !t.foreignKeys.some((fk) => fk.columns[0] === c.name)) {
        const target = this.r.pick(targets);
        t.foreignKeys.push({ columns: [c.name], references: { table: target.name, columns: ['id'] }, onDelete: this.r.pick(ACTIONS), onUpdate: 'NO ACTION' });
      }
    }
    // A new column holding a reference (NULL in existing rows): SQLite adds it in place.
    for (const t of tables) {
      const original = a.tables.find((x) => tableMap.get(x.name) === t.name);
      const targets = tables.filter((x) => hasIntegerKey(x) && survivors.has(x.name));
      // Renamed tables stay close to their old shape, or the rename would not be recognized.
      if (!original || original.name !== t.name || targets.length === 0 || !this.r.chance(0.2)) continue;
      const name = 'owner_ref';
      if (t.columns.some((c) => c.name === name)) continue;
      t.columns.push({ name, type: 'integer', nullable: true });
      const target = this.r.pick(targets);
      t.foreignKeys.push(this.named(`fk_${t.name}_owner`, { columns: [name], references: { table: target.name, columns: ['id'] }, onDelete: this.r.pick(ACTIONS), onUpdate: 'NO ACTION' }));
    }
  }
}

function hasIntegerKey(t: Table): boolean {
  return t.primaryKey?.columns.length === 1 && t.primaryKey.columns[0] === 'id' && t.columns.some((c) => c.name === 'id' && c.type === 'integer');
}

function plainColumns(t: Table): Column[] {
  return t.columns.filter((c) => !t.primaryKey?.columns.includes(c.name) && c.generated === undefined);
}

function isNumeric(type: string): boolean {
  return type === 'integer' || type === 'real' || type.startsWith('numeric');
}

function isText(type: string): boolean {
  return type === 'text' || type.startsWith('varchar');
}

function checkFits(expression: string, c: Column): boolean {
  return expression.startsWith('length(') ? isText(c.type) : expression.includes('>=') ? isNumeric(c.type) : true;
}

function defaultFor(type: string, r: Random, enumType: EnumType | undefined): string {
  if (enumType && type === enumType.name) return `'${r.pick(enumType.values)}'`;
  if (type === 'integer') return r.pick(['0', '7', '-1']);
  if (type === 'real') return r.pick(['1.5', '0.0']);
  if (type.startsWith('numeric')) return r.pick(['0', '9.99']);
  return r.pick(["'x'", "'it''s'", "''"]);
}

function sequence(name: string, start: string): Sequence {
  return { name, type: 'bigint', start, increment: '1', min: '1', max: '9223372036854775807', cache: '1', cycle: false };
}

function cloneTable(t: Table): MTable {
  return {
    ...t,
    columns: t.columns.map((c) => ({ ...c })),
    uniques: t.uniques.map((u) => ({ ...u, columns: [...u.columns] })),
    foreignKeys: t.foreignKeys.map((fk) => ({ ...fk, columns: [...fk.columns], references: { ...fk.references, columns: [...fk.references.columns] } })),
    checks: t.checks.map((c) => ({ ...c })),
    indexes: t.indexes.map((ix) => ({ ...ix, keys: ix.keys.map((k) => ({ ...k })) })),
  };
}

function isUsedByGenerated(t: Table, column: string): boolean {
  return t.columns.some((c) => c.generated?.expression.includes(`"${column}"`));
}

function removeColumnUses(t: MTable, column: string): void {
  const uses = (sql: string | undefined): boolean => sql?.includes(`"${column}"`) ?? false;
  t.uniques = t.uniques.filter((u) => !u.columns.includes(column));
  t.foreignKeys = t.foreignKeys.filter((fk) => !fk.columns.includes(column));
  t.checks = t.checks.filter((c) => !uses(c.expression));
  t.indexes = t.indexes.filter((ix) => !ix.keys.some((k) => k.column === column || uses(k.expression)) && !uses(ix.where));
}

function renameColumnUses(t: MTable, from: string, to: string): void {
  const r = (sql: string): string => sql.split(`"${from}"`).join(`"${to}"`);
  const cols = (names: readonly string[]): string[] => names.map((n) => (n === from ? to : n));
  t.uniques = t.uniques.map((u) => ({ ...u, columns: cols(u.columns) }));
  t.foreignKeys = t.foreignKeys.map((fk) => ({ ...fk, columns: cols(fk.columns) }));
  t.checks = t.checks.map((c) => ({ ...c, expression: r(c.expression) }));
  t.indexes = t.indexes.map((ix) => ({
    ...ix,
    keys: ix.keys.map((k) => (k.column !== undefined ? { ...k, column: k.column === from ? to : k.column } : { ...k, expression: r(k.expression) })),
    ...(ix.where === undefined ? {} : { where: r(ix.where) }),
  }));
}

function shuffle<T>(r: Random, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = r.int(0, i);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
