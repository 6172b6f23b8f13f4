import { applyOperations } from './apply-operations.js';
import { diff } from './diff.js';
import type { Hazard } from './hazard.js';
import { detectHazards } from './hazards.js';
import type { Operation } from './operations.js';
import type { RenameResolver } from './rename-resolver.js';
import { reverseAll } from './reverse.js';
import type { RenderedSql, SchemaDialect } from './schema-dialect.js';
import type { Schema } from './schema-ir.js';

/** Options for {@link planMigration}. */
export interface PlanOptions {
  readonly dialect: SchemaDialect;
  readonly resolveRename?: RenameResolver;
  /** Passed to the renderer: e.g. `'3.53'` lets SQLite use newer ALTER TABLE forms. */
  readonly targetVersion?: string;
  /** Postgres: build indexes on existing tables CONCURRENTLY. */
  readonly concurrentIndexes?: boolean;
}

/**
 * A migration between two schemas: operations both ways, the SQL of `up.sql` and
 * `down.sql`, and the hazards (written at the top of `up.sql`).
 */
export interface MigrationPlan {
  readonly up: readonly Operation[];
  readonly down: readonly Operation[];
  readonly upSql: string;
  readonly downSql: string;
  readonly hazards: readonly Hazard[];
}

/**
 * Diffs two schemas of one dialect and renders both directions. `upSql` is empty when the
 * schemas do not differ (`check` uses `up.length === 0`).
 *
 * @example
 * ```ts
 * const plan = planMigration(await dialect.introspect(db), fromModels(models, dialect), { dialect, resolveRename });
 * await writeFile('up.sql', plan.upSql);
 * ```
 */
export function planMigration(from: Schema, to: Schema, options: PlanOptions): MigrationPlan {
  const { dialect } = options;
  const renameInExpression = dialect.renameInExpression?.bind(dialect);
  const up = diff(from, to, { resolveRename: options.resolveRename, capabilities: dialect.capabilities, ...(renameInExpression ? { renameInExpression } : {}) });
  const down = reverseAll(up);
  const renderOptions = {
    ...(options.targetVersion === undefined ? {} : { targetVersion: options.targetVersion }),
    ...(options.concurrentIndexes === undefined ? {} : { concurrentIndexes: options.concurrentIndexes }),
  };
  const upRendered = dialect.render(up, { from, ...renderOptions });
  const downRendered = dialect.render(down, { from: applyOperations(from, up, renameInExpression ? { renameInExpression } : {}), ...renderOptions });
  const hazards = [
    ...detectHazards(up, { dialect, ...(options.concurrentIndexes ? { concurrentIndexes: true } : {}) }),
    ...upRendered.hazards,
  ];
  return {
    up,
    down,
    upSql: formatScript(upRendered, hazards),
    downSql: formatScript(downRendered, []),
    hazards,
  };
}

/**
 * The text of a SQL file: the `-- retort:no-transaction` directive when needed, one
 * `-- hazard CODE: message` comment per hazard, then the statements each ending in `;`.
 * Empty when there are no statements.
 *
 * @example
 * ```ts
 * formatScript({ statements: ['DROP TABLE "t"'], transactional: true, hazards: [] }, []);
 * // 'DROP TABLE "t";\n'
 * ```
 */
export function formatScript(rendered: RenderedSql, hazards: readonly Hazard[]): string {
  if (rendered.statements.length === 0) return '';
  const head: string[] = [];
  if (!rendered.transactional) head.push('-- retort:no-transaction');
  for (const h of hazards) head.push(`-- hazard ${h.code}: ${h.message.replace(/\s*\n\s*/g, ' ')}`);
  const body = rendered.statements.map((s) => `${s};\n`).join('');
  return head.length === 0 ? body : `${head.join('\n')}\n\n${body}`;
}
