#!/usr/bin/env node
/**
 * Runs before `npm test` (npm's pretest): makes sure what the tests need is there, so `npm ci && npm test` works on a
 * fresh machine: a built dist/ (end-to-end tests install the packed package into a real n8n), that n8n itself (installed
 * once into a cache folder, so its minutes-long first install shows here rather than inside a test's time-out),
 * PostgreSQL on loopback (member store tests never mock it), Redis (queue-mode tests), and Debian's Chromium for the
 * browser test.
 */
const { execSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const root = path.join(__dirname, '..');

function log(message) {
	process.stderr.write(`[prepare-tests] ${message}\n`);
}

function portOpen(port, host = '127.0.0.1') {
	return new Promise((resolve) => {
		const socket = net.connect({ port, host });
		socket.once('connect', () => {
			socket.end();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}

async function ensurePostgres() {
	if (process.env.TEST_PG_URL || (await portOpen(5432))) return;
	const versions = fs.existsSync('/etc/postgresql') ? fs.readdirSync('/etc/postgresql') : [];
	if (versions.length === 0) {
		log('PostgreSQL is not installed: installing Debian\'s package');
		execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql', { stdio: 'inherit' });
	}
	const version = fs.readdirSync('/etc/postgresql')[0];
	log(`starting PostgreSQL ${version}`);
	execSync(`pg_ctlcluster --skip-systemctl-redirect ${version} main start`, { stdio: 'inherit' });
	for (let i = 0; i < 50 && !(await portOpen(5432)); i++) await new Promise((r) => setTimeout(r, 200));
}

/** Queue-mode tests need Redis on loopback; start Debian's redis-server (nothing kept on disk) when it is installed but down. */
async function ensureRedis() {
	if (await portOpen(6379)) return;
	if (!fs.existsSync('/usr/bin/redis-server')) {
		log('Redis is not installed: the queue-mode end-to-end test will fail (apt-get install redis-server)');
		return;
	}
	log('starting Redis on 127.0.0.1:6379');
	fs.mkdirSync('/tmp/redis-tests', { recursive: true });
	execSync('redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no --dir /tmp/redis-tests', { stdio: 'inherit' });
	for (let i = 0; i < 50 && !(await portOpen(6379)); i++) await new Promise((r) => setTimeout(r, 100));
}

function ensureChromium() {
	if (fs.existsSync('/usr/bin/chromium')) return;
	if (process.getuid?.() !== 0) {
		log('Chromium is missing and this user cannot install it: the browser test will fail (apt-get install chromium)');
		return;
	}
	log("installing Debian's Chromium for the browser test");
	execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', { stdio: 'inherit' });
}

function build() {
	log('building dist/');
	const result = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
	if (result.status !== 0) process.exit(result.status ?? 1);
}

async function ensureN8n() {
	log('making sure the n8n runtime for the end-to-end tests is installed');
	await require('./n8n-runtime').ensureN8nInstalled();
}

(async () => {
	await ensurePostgres();
	await ensureRedis();
	ensureChromium();
	build();
	await ensureN8n();
})().catch((error) => {
	log(error.stack || String(error));
	process.exit(1);
});
