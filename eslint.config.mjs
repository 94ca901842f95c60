// n8n's community-node rules, without the cloud-only ones: this package keeps members in SQLite or
// PostgreSQL, which n8n Cloud does not allow, so it is not a candidate for Cloud verification.
import { configWithoutCloudSupport } from '@n8n/node-cli/eslint';

export default [
	...configWithoutCloudSupport,
	{ ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test-artifacts/**'] },
	{
		// The core has no n8n imports, so it can be unit-tested and reused; only the node layer talks to n8n.
		files: ['nodes/shared/core/**/*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['n8n-workflow', 'n8n-core', '@n8n/*', '**/n8n', '**/n8n/**', '**/*.node', '**/actions/**'],
							message: 'The core (nodes/shared/core) must not depend on n8n or the node layer.',
						},
					],
				},
			],
		},
	},
	{
		// The core is plain TypeScript with no n8n imports (so it can be unit-tested and reused); it throws its own
		// error classes, which the node layer (nodes/shared/n8n/errors.ts) turns into NodeApiError/NodeOperationError.
		// The Verify sandbox (sandbox/) stands in for Twilio in tests and the demo and never runs inside n8n.
		files: ['nodes/shared/core/**/*.ts', 'sandbox/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
		rules: { '@n8n/community-nodes/require-node-api-error': 'off' },
	},
	{
		// Tests use throw-away secrets for the sandbox and temporary stores, load plain-JS scripts with require, and
		// benchmarks time fresh Node processes. None of this ships in the package.
		files: ['test/**/*.ts', 'bench/**/*.ts'],
		rules: {
			'@n8n/community-nodes/no-hardcoded-secrets': 'off',
			'@n8n/community-nodes/no-dangerous-functions': 'off',
			'@typescript-eslint/no-require-imports': 'off',
		},
	},
];
