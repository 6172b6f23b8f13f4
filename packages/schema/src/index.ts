export * from './schema-ir.js';
export * from './operations.js';
export type * from './hazard.js';
export type * from './schema-dialect.js';
export * from './normalize.js';
export * from './reverse.js';
export * from './rename-resolver.js';
