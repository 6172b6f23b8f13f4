import type { Dialect } from '@retort/core';
import { connect } from './sqlite-driver.js';
import { quoteIdentifier, quoteLiteral } from './sqlite-quote.js';
import { splitStatements } from './sqlite-split.js';
import { versionSql } from './sqlite-version-sql.js';

/**
 * The SQLite dialect on better-sqlite3: DDL is transactional, and one writer works on a
 * database file at a time.
 *
 * @example
 * ```ts
 * const dialects = { sqlite: sqliteDialect };
 * const conn = await dialects.sqlite.connect({ url: 'sqlite:./dev.db', cwd: '/app' });
 * ```
 */
export const sqliteDialect: Dialect = Object.freeze({
  name: 'sqlite',
  capabilities: Object.freeze({ transactionalDdl: true, concurrentConnections: false }),
  connect,
  splitStatements,
  versionSql,
  quoteIdentifier,
  quoteLiteral,
});
