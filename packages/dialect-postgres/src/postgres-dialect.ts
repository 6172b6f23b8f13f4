import type { Dialect } from '@retort/core';
import { connect } from './postgres-driver.js';
import { quoteIdentifier, quoteLiteral } from './postgres-quote.js';
import { splitStatements } from './postgres-split.js';
import { versionSql } from './postgres-version-sql.js';

/**
 * The PostgreSQL dialect: slonik (on node-postgres) driver, session advisory lock, statement
 * splitter and version-table SQL. Importing it loads neither slonik nor pg; `connect` does.
 *
 * @example
 * ```ts
 * const dialects: Record<string, Dialect> = { postgres: postgresDialect };
 * const conn = await postgresDialect.connect({ url: 'postgres://postgres@localhost/app?schema=app' });
 * ```
 */
export const postgresDialect: Dialect = Object.freeze({
  name: 'postgres',
  capabilities: Object.freeze({ transactionalDdl: true, concurrentConnections: true }),
  connect,
  splitStatements,
  versionSql,
  quoteIdentifier,
  quoteLiteral,
});
