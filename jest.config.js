const { JOSE_BUNDLE } = require('./test/support/globalSetup');

/** Jest runs TypeScript through ts-jest (transpile only; `npm run typecheck` does the type checking). */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
	globalSetup: '<rootDir>/test/support/globalSetup.js',
	moduleNameMapper: { '^jose$': JOSE_BUNDLE },
	setupFiles: ['<rootDir>/test/support/setupEnv.ts'],
	testTimeout: 30_000,
	// Postgres and sandbox suites each start their own servers; two workers match the machine's two cores.
	maxWorkers: 2,
};
