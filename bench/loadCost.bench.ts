/**
 * Load cost: what loading this package's nodes and credentials adds to n8n's start-up (n8n requires every file listed
 * in package.json's "n8n" section), next to what the heavy libraries would cost if they were loaded eagerly.
 * Each figure is the median of fresh Node processes requiring the built files (run `npm run build` first).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { percentile, printTable, round } from './report';

const root = join(__dirname, '..');
const RUNS = 7;

/**
 * Milliseconds a fresh process spends requiring `files` (paths relative to the repository) once n8n-workflow is
 * loaded, as it always is inside n8n, and the vendor bundles that got loaded on the way.
 */
function measure(files: string[]): { ms: number; vendorsLoaded: string[] } {
	const script = `
		require(${JSON.stringify(join(root, 'node_modules/n8n-workflow'))});
		const started = process.hrtime.bigint();
		for (const file of ${JSON.stringify(files)}) require(require('node:path').join(${JSON.stringify(root)}, file));
		const ms = Number(process.hrtime.bigint() - started) / 1e6;
		const vendorsLoaded = Object.keys(require.cache).filter((f) => f.includes('/shared/vendor/')).map((f) => f.split('/').pop());
		process.stdout.write(JSON.stringify({ ms, vendorsLoaded }));`;
	return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' }));
}

function median(files: string[]) {
	const runs = Array.from({ length: RUNS }, () => measure(files));
	return { ms: percentile(runs.map((run) => run.ms).sort((a, b) => a - b), 50), vendorsLoaded: runs[0].vendorsLoaded };
}

test('load cost of the package', () => {
	const packageJson = require('../package.json') as { n8n: { nodes: string[]; credentials: string[] } };
	if (!existsSync(join(root, packageJson.n8n.nodes[0]))) throw new Error('Run `npm run build` first.');
	const vendor = (name: string) => `dist/nodes/shared/vendor/${name}.js`;
	const rows = [
		{ what: 'all nodes and credentials (what n8n loads at start)', files: [...packageJson.n8n.nodes, ...packageJson.n8n.credentials] },
		{ what: 'twilio Verify bundle (loaded on first Verify call)', files: [vendor('twilio')] },
		{ what: 'phone bundle (loaded on first phone)', files: [vendor('phone')] },
		{ what: 'pg bundle (loaded on first PostgreSQL store)', files: [vendor('pg')] },
		{ what: 'jose bundle (loaded on first session)', files: [vendor('jose')] },
	].map(({ what, files }) => {
		const { ms, vendorsLoaded } = median(files);
		return { what, 'median ms': round(ms), 'vendor bundles loaded': vendorsLoaded.join(' ') || 'none' };
	});
	printTable(`Load cost on top of n8n-workflow (median of ${RUNS} fresh processes, Node ${process.version})`, rows);
	expect(rows[0]['vendor bundles loaded']).toBe('none');
});
