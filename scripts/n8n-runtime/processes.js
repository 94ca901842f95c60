'use strict';
/**
 * Running commands (streamed or collected), the environment that puts the
 * cached Node 24 first, and process groups: signalling them and making sure
 * none outlives the process that started it.
 */

const childProcess = require('node:child_process');
const path = require('node:path');

function log(message) {
	process.stderr.write(`[n8n-runtime] ${message}\n`);
}

function sleep(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** PATH with Node 24 first, so npm, node-gyp and n8n's child processes use it. */
function envWithNode24(nodeDir, extra = {}) {
	return {
		...process.env,
		PATH: `${path.join(nodeDir, 'bin')}${path.delimiter}${process.env.PATH || ''}`,
		...extra,
	};
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

function signalGroup(pid, signal) {
	try {
		process.kill(-pid, signal);
	} catch {
		// Group already gone.
	}
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

/** Signals the group led by `pid` with SIGTERM if this process ends before forgetGroup(pid). */
function stopGroupOnParentExit(pid) {
	runningGroups.add(pid);
	watchParentShutdown();
}

function forgetGroup(pid) {
	runningGroups.delete(pid);
}

module.exports = {
	log,
	sleep,
	envWithNode24,
	runStreaming,
	runCollecting,
	signalGroup,
	stopGroupOnParentExit,
	forgetGroup,
};
