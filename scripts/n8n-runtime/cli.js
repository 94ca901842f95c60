#!/usr/bin/env node
'use strict';
/**
 * node scripts/n8n-runtime/cli.js install | start [options]   (--help)
 */

const fs = require('node:fs');

const runtime = require('./index');
const { log } = require('./processes');

const USAGE = `usage:
  node scripts/n8n-runtime/cli.js install
      install n8n ${runtime.N8N_VERSION} + Node ${runtime.NODE_VERSION} into the cache (N8N_RUNTIME_CACHE or ~/.cache/...)
  node scripts/n8n-runtime/cli.js start [--user-folder DIR] [--port N] [--tarball FILE.tgz]
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
	const userFolder = options['user-folder'] || runtime.createUserFolder();
	fs.mkdirSync(userFolder, { recursive: true });
	log(`user folder: ${userFolder}`);
	if (options.tarball)
		log(`installed ${JSON.stringify(await runtime.installPackageTarball({ userFolder, tarball: options.tarball }))}`);
	if (options.credentials) await runtime.importCredentials({ userFolder, file: options.credentials });
	if (options.workflows)
		log(
			`published workflows: ${(await runtime.importWorkflows({ userFolder, dir: options.workflows })).join(', ') || 'none'}`,
		);
	const n8n = await runtime.startN8n({
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
		console.log(JSON.stringify(await runtime.ensureN8nInstalled(), null, 2));
	} else if (command === 'start') {
		await cliStart(parseCliOptions(rest));
	} else {
		console.log(USAGE);
		process.exitCode = command === '--help' || command === 'help' ? 0 : 1;
	}
}

main(process.argv.slice(2)).catch((error) => {
	log(error.stack || String(error));
	process.exit(1);
});
