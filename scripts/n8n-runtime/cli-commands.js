'use strict';
/**
 * n8n's own CLI on a user folder (n8n must not be running on it): import
 * credentials and workflows, publish workflows, list node types. `env` adds
 * to the user folder's environment, e.g. the DB_* variables of a PostgreSQL
 * database instead of the user folder's SQLite (see queue.js).
 */

const fs = require('node:fs');
const path = require('node:path');

const { ensureN8nInstalled } = require('./install');
const { runCollecting } = require('./processes');
const { baseN8nEnv } = require('./user-folder');

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
async function importCredentials({ userFolder, file, env }) {
	const input = path.resolve(file);
	const separate = fs.statSync(input).isDirectory() ? ['--separate'] : [];
	await runN8nCli({ userFolder, env, args: ['import:credentials', ...separate, `--input=${input}`] });
}

/**
 * `n8n import:workflow --separate` for every *.json in `dir`, then publishes
 * them (n8n 2.x's word for activating), so their production webhooks answer
 * once n8n starts. Returns the ids that were published.
 * @returns {Promise<string[]>}
 */
async function importWorkflows({ userFolder, dir, publish = true, env }) {
	dir = path.resolve(dir);
	const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((name) => name.endsWith('.json')) : [];
	// n8n itself reports success for a missing or empty folder.
	if (files.length === 0) throw new Error(`no workflow *.json files in ${dir}`);
	await runN8nCli({ userFolder, env, args: ['import:workflow', '--separate', `--input=${dir}`] });
	if (!publish) return [];
	// Workflows that carry their id (as exports do) are published by it; that
	// saves asking n8n for the list (each n8n command takes ~2 s to boot).
	const ids = files.map((name) => JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')).id);
	if (ids.every((id) => typeof id === 'string' && id !== '')) {
		await publishWorkflows({ userFolder, ids, env });
		return ids;
	}
	return publishAllWorkflows({ userFolder, env });
}

/**
 * `n8n publish:workflow --id=<id>`, once per id: 2.x has no bulk form
 * (`update:workflow --all --active=true` is refused), and import always leaves
 * workflows unpublished (its --activeState=fromJson needs queue mode). A
 * workflow without a trigger (manual only) publishes without complaint.
 */
async function publishWorkflows({ userFolder, ids, env }) {
	for (const id of ids) {
		await runN8nCli({ userFolder, env, args: ['publish:workflow', `--id=${id}`] });
	}
}

/**
 * Publishes every unpublished workflow of the user folder.
 * @returns {Promise<string[]>}
 */
async function publishAllWorkflows({ userFolder, env }) {
	const { stdout } = await runN8nCli({ userFolder, env, args: ['list:workflow', '--active=false', '--onlyId'] });
	const ids = stdout
		.split('\n')
		.map((line) => line.trim())
		.filter((line) => /^[\w-]+$/.test(line));
	await publishWorkflows({ userFolder, ids, env });
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

module.exports = {
	runN8nCli,
	importCredentials,
	importWorkflows,
	publishWorkflows,
	publishAllWorkflows,
	listNodeTypes,
};
