'use strict';
/**
 * Starts `n8n start` headless on 127.0.0.1 and waits until it is ready: the
 * readiness endpoint first, then every webhook the caller waits for.
 */

const childProcess = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const path = require('node:path');

const { ensureN8nInstalled } = require('./install');
const { sleep, signalGroup, stopGroupOnParentExit, forgetGroup } = require('./processes');
const { openRunLog } = require('./run-log');
const { baseN8nEnv } = require('./user-folder');

/** Whether n8n's output is also echoed here when the caller does not say: N8N_RUNTIME_ECHO=1. */
function echoLogsByDefault() {
	return process.env.N8N_RUNTIME_ECHO === '1';
}

/** The n8n install a start runs (installed on first use), once the user folder every start needs is there. */
async function installedN8nFor(caller, userFolder, cacheDir) {
	if (!userFolder) throw new Error(`${caller} needs a userFolder`);
	return ensureN8nInstalled({ cacheDir });
}

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

/**
 * Spawns `n8n <args>` with Node 24, detached: n8n leads its own process group
 * (it spawns the task runner), so stop() can signal the whole group, and the
 * group gets SIGTERM if this process ends first. Its output goes to
 * <userFolder>/<logName> (see run-log.js).
 * @returns {{ pid: number, logFile: string, logs(): string, tail(lines?: number): string, exitStatus(): string | undefined, stop(): Promise<void> }}
 */
function spawnN8nProcess({ nodeBin, n8nBin, userFolder, args, env, logName = 'n8n.log', echoLogs = false }) {
	const output = openRunLog(userFolder, echoLogs, logName);
	const child = childProcess.spawn(nodeBin, [n8nBin, ...args], {
		cwd: path.resolve(userFolder),
		env,
		detached: true,
		stdio: ['ignore', output.fd, output.fd],
	});
	fs.closeSync(output.fd); // n8n has its own copy
	const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
	let exitStatus;
	exited.then(({ code, signal }) => (exitStatus = signal || `exit code ${code}`));
	stopGroupOnParentExit(child.pid);

	async function stop() {
		forgetGroup(child.pid);
		if (exitStatus === undefined) {
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

	return {
		pid: child.pid,
		logFile: output.file,
		logs: output.all,
		tail: output.tail,
		exitStatus: () => exitStatus,
		stop,
	};
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
	echoLogs = echoLogsByDefault(),
	cacheDir,
} = {}) {
	const { n8nBin, nodeBin, nodeDir } = await installedN8nFor('startN8n', userFolder, cacheDir);
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

	const n8n = spawnN8nProcess({ nodeBin, n8nBin, userFolder, args: ['start'], env: childEnv, echoLogs });
	const instance = {
		url,
		webhookUrl: `${url}webhook/`,
		port,
		pid: n8n.pid,
		logFile: n8n.logFile,
		stop: n8n.stop,
		logs: n8n.logs,
	};
	try {
		await waitUntilReady({
			instance,
			probes: normaliseWebhookProbes(waitForWebhook),
			timeoutMs,
			exitStatus: n8n.exitStatus,
		});
	} catch (error) {
		await n8n.stop();
		error.message += `\n--- last lines of ${n8n.logFile} ---\n${n8n.tail(60)}`;
		throw error;
	}
	return instance;
}

module.exports = { startN8n, spawnN8nProcess, findFreePort, probe, echoLogsByDefault, installedN8nFor };
