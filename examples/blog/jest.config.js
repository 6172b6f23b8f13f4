import preset from '../../jest.preset.js';

// slonik is CommonJS but requires p-limit 6, which is ESM-only (as is its yocto-queue).
// Node 20 loads those through require(esm); jest's module runtime only can from Node 24.9,
// so the tests compile just these two files to CommonJS.
const esmOnly = '(p-limit|yocto-queue)';

export default {
  ...preset,
  transform: {
    ...preset.transform,
    [`/node_modules/(\\.pnpm/)?${esmOnly}[@/].+\\.js$`]: ['@swc/jest', { module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(\\.pnpm/)?${esmOnly}[@/])`],
  // The lab tests run the CLI dozens of times per test against real databases.
  testTimeout: 120_000,
};
