'use strict';
/**
 * Installs an `npm pack` tarball into a user folder as a community package,
 * the way n8n's own community package installer does.
 */

const childProcess = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { runCollecting } = require('./processes');

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

module.exports = { installPackageTarball };
