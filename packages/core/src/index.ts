export * from './errors.js';
export type * from './graph/types.js';
export * from './dialect/types.js';
export * from './database-url.js';
