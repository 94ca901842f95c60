/**
 * The package as n8n receives it: no runtime dependencies, every listed node and credential built, third-party code
 * bundled (nothing in dist/ requires a package that is not a Node built-in or n8n-workflow), and sample workflows
 * in step with their generator. `npm test` builds dist/ first.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

function filesUnder(folder: string): string[] {
	return readdirSync(folder).flatMap((name) => {
		const path = join(folder, name);
		return statSync(path).isDirectory() ? filesUnder(path) : [path];
	});
}

describe('package', () => {
	it('has no runtime dependencies and n8n-workflow as its only peer', () => {
		expect(packageJson.dependencies).toBeUndefined();
		expect(Object.keys(packageJson.peerDependencies)).toEqual(['n8n-workflow']);
		expect(packageJson.files).toEqual(['dist']);
		expect(packageJson.keywords).toContain('n8n-community-node-package');
	});

	it('lists built files for every node and credential', () => {
		const listed = [...packageJson.n8n.nodes, ...packageJson.n8n.credentials];
		expect(packageJson.n8n.nodes).toHaveLength(7);
		expect(packageJson.n8n.credentials).toHaveLength(2);
		for (const file of listed) expect(statSync(join(root, file)).isFile()).toBe(true);
		for (const node of packageJson.n8n.nodes) {
			expect(statSync(join(root, node.replace(/\.js$/, '.json'))).isFile()).toBe(true); // codex
		}
		expect(statSync(join(root, 'dist', 'icons', 'verify.svg')).isFile()).toBe(true);
	});

	it('requires nothing from dist/ but Node built-ins, n8n-workflow and its own files', () => {
		// node:sqlite exists only with its prefix, so builtinModules does not list it.
		const allowed = new Set([...builtinModules, 'sqlite', 'n8n-workflow']);
		const offenders: string[] = [];
		for (const file of filesUnder(join(root, 'dist')).filter((path) => path.endsWith('.js'))) {
			const source = readFileSync(file, 'utf8');
			for (const [, specifier] of source.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)) {
				const bare = specifier.replace(/^node:/, '');
				if (specifier.startsWith('.') || allowed.has(bare) || allowed.has(bare.split('/')[0])) continue;
				offenders.push(`${file.slice(root.length + 1)} → ${specifier}`);
			}
		}
		// pg probes for its optional native driver inside a try/catch; everything else must be bundled.
		expect(offenders.filter((offender) => !offender.endsWith('→ pg-native'))).toEqual([]);
	});
});

describe('sample workflows', () => {
	it('match their generator (run `npm run workflows` after changing it)', () => {
		const { buildAll } = require('../../scripts/build-workflows') as { buildAll(): Record<string, string> };
		for (const [file, text] of Object.entries(buildAll())) {
			expect(readFileSync(join(root, 'workflows', file), 'utf8')).toBe(text);
		}
	});
});
