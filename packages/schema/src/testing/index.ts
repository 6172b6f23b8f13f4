export * from './random.js';
export * from './random-schema.js';
export * from './sample-rows.js';
export * from './lab-models.js';
