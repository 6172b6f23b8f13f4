export * from './revision-id.js';
export * from './templates.js';
export * from './write-revision.js';
