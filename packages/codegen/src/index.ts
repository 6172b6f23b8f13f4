export * from './revision-id.js';
export * from './templates.js';
export * from './write-revision.js';
export type * from './scratch-database.js';
export * from './load-models.js';
export * from './head-schema.js';
export * from './typed-output.js';
