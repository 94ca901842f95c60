// n8n's community-node rules, without the cloud-only ones: this package keeps members in SQLite or
// PostgreSQL, which n8n Cloud does not allow, so it is not a candidate for Cloud verification.
import { configWithoutCloudSupport } from '@n8n/node-cli/eslint';

export default [
	...configWithoutCloudSupport,
	{ ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test-artifacts/**'] },
];
