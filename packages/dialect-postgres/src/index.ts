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
