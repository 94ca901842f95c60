// n8n's community-node rules, without the cloud-only ones: this package keeps members in SQLite or
// PostgreSQL, which n8n Cloud does not allow, so it is not a candidate for Cloud verification.
import { configWithoutCloudSupport } from '@n8n/node-cli/eslint';

export default [
	...configWithoutCloudSupport,
	{ ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test-artifacts/**'] },
	{
		// The core is plain TypeScript with no n8n imports (so it can be unit-tested and reused); it throws its own
		// error classes, which the node layer (nodes/shared/n8n/errors.ts) turns into NodeApiError/NodeOperationError.
		files: ['nodes/shared/core/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
		rules: { '@n8n/community-nodes/require-node-api-error': 'off' },
	},
	{
		// Tests use throw-away secrets for the sandbox and temporary stores, load the plain-JS sandbox with require, and
		// benchmarks time fresh Node processes. None of this ships in the package.
		files: ['test/**/*.ts', 'bench/**/*.ts'],
		rules: {
			'@n8n/community-nodes/no-hardcoded-secrets': 'off',
			'@n8n/community-nodes/no-dangerous-functions': 'off',
			'@typescript-eslint/no-require-imports': 'off',
		},
	},
];
