/**
 * Loads the Verify sandbox (TypeScript in sandbox/) into plain-JS scripts, which cannot require .ts files: esbuild
 * bundles it once into node_modules/.cache/n8n-nodes-twilio-verify/, and again whenever a source file (or this
 * loader) is newer than the bundle. Jest tests import sandbox/index.ts directly instead.
 *
 *   const { startSandbox } = require('./lib/sandbox').loadSandbox();
 *   node scripts/lib/sandbox.js [--port 3999] ...    the CLI (`npm run sandbox -- ...`), sandbox/cli.ts
 */
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..', '..');
const SOURCE_DIR = path.join(root, 'sandbox');
const CACHE_DIR = path.join(root, 'node_modules', '.cache', 'n8n-nodes-twilio-verify');
/** One build, two bundles: the public API (sandbox/index.ts) and the CLI (sandbox/cli.ts). */
const ENTRY_POINTS = { sandbox: path.join(SOURCE_DIR, 'index.ts'), 'sandbox-cli': path.join(SOURCE_DIR, 'cli.ts') };
const BUNDLE = path.join(CACHE_DIR, 'sandbox.cjs');
const CLI_BUNDLE = path.join(CACHE_DIR, 'sandbox-cli.cjs');

function modifiedMs(file) {
	try {
		return fs.statSync(file).mtimeMs;
	} catch {
		return -Infinity;
	}
}

function isStale() {
	const sources = fs
		.readdirSync(SOURCE_DIR)
		.filter((file) => file.endsWith('.ts'))
		.map((file) => path.join(SOURCE_DIR, file));
	const newestSource = Math.max(...[__filename, ...sources].map(modifiedMs));
	return [BUNDLE, CLI_BUNDLE].some((bundle) => modifiedMs(bundle) < newestSource);
}

/** Bundles when stale. Each file is written aside and renamed, so a process loading it meanwhile never reads half. */
function ensureBundled() {
	if (!isStale()) return;
	const { buildSync } = require('esbuild');
	const result = buildSync({
		entryPoints: ENTRY_POINTS,
		outdir: CACHE_DIR,
		outExtension: { '.js': '.cjs' },
		bundle: true,
		platform: 'node',
		target: 'node22',
		format: 'cjs',
		write: false,
		logLevel: 'warning',
	});
	fs.mkdirSync(CACHE_DIR, { recursive: true });
	for (const file of result.outputFiles) {
		const temporary = `${file.path}.${process.pid}.tmp`;
		fs.writeFileSync(temporary, file.contents);
		fs.renameSync(temporary, file.path);
	}
}

/** The sandbox's public API: startSandbox, VerifyState, TwilioError, twilioErrors and the constants. */
function loadSandbox() {
	ensureBundled();
	return require(BUNDLE);
}

/** Runs the sandbox CLI with these arguments. */
function runSandboxCli(argv) {
	ensureBundled();
	require(CLI_BUNDLE).runCli(argv);
}

module.exports = { loadSandbox, runSandboxCli, BUNDLE };

if (require.main === module) runSandboxCli(process.argv.slice(2));
