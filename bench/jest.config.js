/** Benchmarks reuse the tests' TypeScript set-up and harness but are not tests: `npm run bench` runs them one by one. */
const base = require('../jest.config');
// Paths in the shared config are relative to the repository root.

module.exports = {
	...base,
	rootDir: '..',
	roots: ['<rootDir>/bench'],
	testMatch: ['**/*.bench.ts'],
	testTimeout: 30 * 60 * 1000,
	maxWorkers: 1,
};
