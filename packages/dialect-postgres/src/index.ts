export { postgresDialect } from './postgres-dialect.js';
export { connect, PostgresConnection, type PostgresTransaction } from './postgres-driver.js';
export { splitStatements } from './postgres-split.js';
export { versionSql } from './postgres-version-sql.js';
export { quoteIdentifier, quoteLiteral } from './postgres-quote.js';
export { acquirePostgresLock, advisoryLockId, type AdvisoryLockId, type PostgresLockTarget } from './postgres-lock.js';
export {
  parsePostgresUrl,
  DEFAULT_CONNECT_TIMEOUT_SECONDS,
  SSL_MODES,
  type PostgresUrl,
  type SslMode,
} from './postgres-url.js';
export { clientAttempts, type ClientAttempt } from './postgres-client-config.js';
export { postgresSchemaDialect, comparePostgresTypes } from './postgres-schema-dialect.js';
export { readPostgresCatalog, POSTGRES_CATALOG_QUERY } from './postgres-introspect.js';
export { renderPostgres } from './postgres-ddl.js';
export { normalizePostgresType } from './postgres-schema-dialect-type.js';
export { normalizePostgresExpression, canonicalTokens, type ExpressionRole } from './postgres-schema-dialect-expression.js';
