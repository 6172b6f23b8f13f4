export * from './cli-runner.js';
export * from './lab-database.js';
