export * from './conformance-suite.js';
export * from './fixture-project.js';
