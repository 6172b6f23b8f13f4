import { parseSqlDirectives, RetortError, StatementError, type Connection, type Dialect } from '@retort/core';
import type { DraftApplier } from '@retort/codegen';

/**
 * Runs draft SQL on the dev database for `watch --apply`: in one transaction, or statement
 * by statement under `-- retort:no-transaction`. A failure names the draft file and line.
 */
export function draftApplier(connection: Connection, dialect: Dialect, draftPath: string): DraftApplier {
  return {
    run: async (sql) => {
      const file = `${draftPath}/up.sql`;
      const statements = dialect.splitStatements(sql);
      const script = { text: sql, statements };
      try {
        if (parseSqlDirectives(sql, file).noTransaction) {
          for (const statement of statements) await connection.runScript({ text: `${statement.sql};`, statements: [{ ...statement, offset: 0, line: 1 }] });
        } else {
          await connection.transaction((tx) => tx.runScript(script));
        }
      } catch (error) {
        if (!(error instanceof StatementError)) throw error;
        const line = error.line ?? statements[error.statementIndex]?.line ?? 1;
        throw new RetortError('E_MIGRATION_FAILED', `Applying the draft failed at statement line ${line}: ${error.message}; the dev database is unchanged by it.`, {
          facts: { file, line },
          cause: error,
        });
      }
    },
  };
}
