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
 * Queue mode (main + workers, n8n's database in PostgreSQL, the queue in Redis):
 *   const cluster = await rt.startQueueMode({ userFolder, workers: 2, credentialsFile, workflowsDir,
 *                                             waitForWebhook: 'countries' });
 *   await cluster.stop();
 *
 * CLI: node scripts/n8n-runtime/cli.js install | start [options]   (--help)
 *
 * Modules: versions.js (the pinned recipe and why), install.js (cache, lock,
 * marker, native rebuilds), processes.js (commands, process groups),
 * user-folder.js (user folder, environment, encryption key), community.js
 * (the package tarball as a community package), cli-commands.js (import,
 * publish, list node types), run-log.js and start.js (start and readiness),
 * queue.js (queue mode), cli.js.
 *
 * Plain CommonJS with node: built-ins only (queue.js borrows pg and ioredis
 * from n8n's own install in the cache): it runs under whichever Node runs
 * jest and the scripts (Node 20 or later) as well as under Node 24, while n8n
 * itself always runs on the Node 24 binary installed into the cache.
 */

const versions = require('./versions');
const install = require('./install');
const cli = require('./cli-commands');
const queue = require('./queue');

module.exports = {
	N8N_VERSION: versions.N8N_VERSION,
	NODE_VERSION: versions.NODE_VERSION,
	defaultCacheDir: install.defaultCacheDir,
	ensureN8nInstalled: install.ensureN8nInstalled,
	createUserFolder: require('./user-folder').createUserFolder,
	installPackageTarball: require('./community').installPackageTarball,
	importCredentials: cli.importCredentials,
	importWorkflows: cli.importWorkflows,
	publishWorkflows: cli.publishWorkflows,
	publishAllWorkflows: cli.publishAllWorkflows,
	listNodeTypes: cli.listNodeTypes,
	runN8nCli: cli.runN8nCli,
	startN8n: require('./start').startN8n,
	startQueueMode: queue.startQueueMode,
	createPostgresDatabase: queue.createPostgresDatabase,
	dropPostgresDatabase: queue.dropPostgresDatabase,
};
