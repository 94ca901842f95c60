#!/usr/bin/env node
/**
 * The sample backend on a real n8n: builds and packs this package, installs the tarball into a fresh n8n user folder
 * as a community package, imports the credentials and the webhook workflows, publishes them and starts n8n.
 * Verify is the local sandbox unless Twilio credentials are given; members live in SQLite unless a PostgreSQL URL is.
 * With `queueMode`, n8n runs as a main process and workers sharing Redis and PostgreSQL (scripts/n8n-runtime/queue.js),
 * and the member store is PostgreSQL. Used by `npm run demo` (scripts/demo.js) and by the end-to-end tests.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const runtime = require('./n8n-runtime');
const { CREDENTIALS } = require('./build-workflows');

const root = path.join(__dirname, '..');
/** Workflows that serve webhooks. The Verify Service set-up workflow (manual trigger, real accounts) is not imported. */
const WEBHOOK_WORKFLOWS = [
	'verify-api.json',
	'member-register.json',
	'member-login.json',
	'passwordless-otp.json',
	'member-account.json',
	'member-factors.json',
	'member-admin.json',
	'demo-page.json',
];
/**
 * Samples without webhooks, and the Verify Events trigger (Twilio must reach it at a public URL): imported unpublished,
 * for the builder to run or adapt.
 */
const MANUAL_WORKFLOWS = ['verify-service-setup.json', 'admin-approval-alert.json', 'verify-events-digest.json'];
/** The header the admin webhooks ask for (n8n's Header Auth); its value is random per run. */
const ADMIN_HEADER = 'X-Admin-Key';
const SANDBOX_SERVICE_SID = `VA${'a'.repeat(32)}`;

function run(command, args, options = {}) {
	const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', ...options });
	if (result.status !== 0) {
		throw new Error(`${command} ${args.join(' ')} failed:\n${result.stdout ?? ''}${result.stderr ?? ''}`);
	}
	return result.stdout;
}

/** `npm run build` then `npm pack`: the same tarball a user would install from the registry. */
function packPackage({ build = true, log }) {
	if (build) {
		log('building the package');
		run('npm', ['run', 'build', '--silent']);
	}
	const destination = fs.mkdtempSync(path.join(os.tmpdir(), 'tvm-pack-'));
	const output = run('npm', ['pack', '--silent', '--pack-destination', destination]);
	return path.join(destination, output.trim().split('\n').pop());
}

function memberStoreData({ userFolder, postgresUrl, sessionSecret }) {
	const shared = { sessionSecret, sessionLifetimeHours: 24 };
	if (!postgresUrl) {
		return { backend: 'sqlite', sqlitePath: path.join(userFolder, 'members.sqlite'), ...shared };
	}
	const url = new URL(postgresUrl);
	return {
		backend: 'postgres',
		host: url.hostname,
		port: Number(url.port || 5432),
		database: url.pathname.slice(1) || 'postgres',
		user: decodeURIComponent(url.username || 'postgres'),
		password: decodeURIComponent(url.password || ''),
		ssl: url.searchParams.get('sslmode') === 'require' ? 'verify' : 'disable',
		...shared,
	};
}

/** Where queue mode keeps n8n's database and the member store, and its queue: local servers unless told otherwise. */
function queueModeServers(queueMode) {
	const postgres = new URL(queueMode.postgresUrl || 'postgres://postgres@127.0.0.1:5432/postgres');
	const redis = new URL(queueMode.redisUrl || 'redis://127.0.0.1:6379');
	return {
		postgres: {
			host: postgres.hostname,
			port: Number(postgres.port || 5432),
			user: decodeURIComponent(postgres.username || 'postgres'),
			password: decodeURIComponent(postgres.password || ''),
			adminDatabase: postgres.pathname.slice(1) || 'postgres',
		},
		redis: { host: redis.hostname, port: Number(redis.port || 6379) },
	};
}

function postgresUrlOf({ host, port, user, password }, database) {
	const auth = password ? `${encodeURIComponent(user)}:${encodeURIComponent(password)}` : encodeURIComponent(user);
	return `postgres://${auth}@${host}:${port}/${database}`;
}

function writeCredentials(folder, { twilio, memberStore, adminKey }) {
	const file = path.join(folder, 'credentials.json');
	const credentials = [
		{ ...CREDENTIALS.twilioVerifyApi, type: 'twilioVerifyApi', data: twilio },
		{ ...CREDENTIALS.memberStoreApi, type: 'memberStoreApi', data: memberStore },
		{ ...CREDENTIALS.httpHeaderAuth, type: 'httpHeaderAuth', data: { name: ADMIN_HEADER, value: adminKey } },
	];
	fs.writeFileSync(file, JSON.stringify(credentials), { mode: 0o600 });
	return file;
}

/** Real Twilio without a service SID: create one Verify Service for the demo, with the package's own client. */
function verifyClientFor(twilio) {
	const { getVerifyClient } = require(path.join(root, 'dist', 'nodes', 'shared', 'core', 'verify', 'client.js'));
	return getVerifyClient({ ...twilio, authType: 'authToken' });
}

/**
 * The Verify Service's own rate limits, which the sample verify/send passes values for (see SERVICE_RATE_LIMITS in
 * scripts/workflows/definitions.js): created when missing, so a send never names a rate limit Twilio does not know.
 */
async function ensureServiceRateLimits(twilio, serviceSid, log) {
	const { SERVICE_RATE_LIMITS } = require('./workflows/definitions');
	const client = await verifyClientFor(twilio);
	const existing = new Set((await client.listRateLimits(serviceSid)).map((rateLimit) => rateLimit.uniqueName));
	for (const { uniqueName, description, max, interval } of SERVICE_RATE_LIMITS) {
		if (existing.has(uniqueName)) continue;
		const rateLimit = await client.createRateLimit(serviceSid, { uniqueName, description });
		await client.createBucket(serviceSid, String(rateLimit.sid), { max, interval });
		log(`created the Verify Service rate limit ${uniqueName} (${max} per ${interval} s)`);
	}
}

async function createDemoService(twilio, log) {
	const client = await verifyClientFor(twilio);
	const service = await client.createService({ friendlyName: 'n8n demo' });
	log(`created Twilio Verify Service ${service.sid} ("n8n demo"); set TWILIO_VERIFY_SERVICE_SID=${service.sid} to reuse it`);
	return String(service.sid);
}

/**
 * @param {object} options
 * @param {number} [options.port] n8n's port (a free one when omitted)
 * @param {{accountSid: string, authToken: string, serviceSid?: string}} [options.twilio] real Twilio instead of the sandbox
 * @param {string} [options.postgresUrl] PostgreSQL member store instead of SQLite
 * @param {boolean} [options.logCodes] print the sandbox's codes
 * @param {boolean} [options.build] build dist/ before packing (default true)
 * @param {Record<string, object>} [options.extraWorkflows] more workflows to import and publish, by file name
 * @param {string} [options.sessionSecret] the member store's session signing secret (random when omitted)
 * @param {Record<string, string>} [options.n8nEnv] more environment variables for `n8n start` (e.g. execution pruning)
 * @param {{workers: number, postgresUrl?: string, redisUrl?: string}} [options.queueMode] n8n in queue mode: a main
 *   process serving the webhooks and `workers` workers running the executions, n8n's database and (unless
 *   `options.postgresUrl` names one) the member store in fresh PostgreSQL databases, dropped by stop(). `postgresUrl`
 *   is the server and an existing database to create them from (postgres://postgres@127.0.0.1:5432/postgres by
 *   default), `redisUrl` the queue's Redis (redis://127.0.0.1:6379 by default)
 * @param {(line: string) => void} [options.log]
 */
async function startBackend(options = {}) {
	const log = options.log ?? ((line) => process.stderr.write(`[backend] ${line}\n`));
	const cleanups = [];
	const stop = async () => {
		for (const cleanup of cleanups.reverse()) await cleanup();
	};
	try {
		log('preparing n8n (installed once into a cache folder; the first time takes a few minutes)');
		await runtime.ensureN8nInstalled();
		const tarball = packPackage({ build: options.build !== false, log });

		let sandbox;
		let twilio;
		if (options.twilio) {
			const { accountSid, authToken } = options.twilio;
			twilio = { accountSid, authType: 'authToken', authToken, baseUrl: 'https://verify.twilio.com' };
			twilio.defaultServiceSid = options.twilio.serviceSid || (await createDemoService(twilio, log));
		} else {
			const { startSandbox } = require('./lib/sandbox').loadSandbox();
			sandbox = await startSandbox({
				port: options.sandboxPort ?? 0,
				logCodes: options.logCodes ?? false,
				services: [{ sid: SANDBOX_SERVICE_SID, FriendlyName: 'Sandbox Verify' }],
			});
			cleanups.push(() => sandbox.close());
			twilio = {
				accountSid: sandbox.accountSid,
				authType: 'authToken',
				authToken: sandbox.authToken,
				baseUrl: sandbox.url,
				defaultServiceSid: SANDBOX_SERVICE_SID,
			};
		}

		await ensureServiceRateLimits(twilio, twilio.defaultServiceSid, log);

		const userFolder = runtime.createUserFolder('tvm-n8n-');
		cleanups.push(() => fs.rmSync(userFolder, { recursive: true, force: true }));
		log(`installing ${path.basename(tarball)} as a community package`);
		await runtime.installPackageTarball({ userFolder, tarball });
		fs.rmSync(path.dirname(tarball), { recursive: true, force: true });

		// Queue mode: every worker must see the same members, so the store is PostgreSQL (a SQLite file is per machine).
		const queue = options.queueMode ? queueModeServers(options.queueMode) : undefined;
		let postgresUrl = options.postgresUrl;
		if (queue && !postgresUrl) {
			const database = await runtime.createPostgresDatabase({ postgres: queue.postgres, prefix: 'tvm_members' });
			cleanups.push(() => runtime.dropPostgresDatabase({ postgres: queue.postgres, name: database }));
			postgresUrl = postgresUrlOf(queue.postgres, database);
			log(`member store: PostgreSQL database ${database}`);
		}

		const sessionSecret = options.sessionSecret ?? require('node:crypto').randomBytes(32).toString('base64url');
		const memberStore = memberStoreData({ userFolder, postgresUrl, sessionSecret });
		const adminKey = require('node:crypto').randomBytes(24).toString('base64url');
		const credentialsFile = writeCredentials(userFolder, { twilio, memberStore, adminKey });
		if (!queue) {
			log('importing credentials and workflows');
			await runtime.importCredentials({ userFolder, file: credentialsFile });
			fs.rmSync(credentialsFile);
		}

		const workflowFolder = path.join(userFolder, 'import-workflows');
		fs.mkdirSync(workflowFolder);
		for (const file of WEBHOOK_WORKFLOWS) fs.copyFileSync(path.join(root, 'workflows', file), path.join(workflowFolder, file));
		for (const [file, workflow] of Object.entries(options.extraWorkflows ?? {})) {
			fs.writeFileSync(path.join(workflowFolder, file), JSON.stringify(workflow));
		}
		// Executions the workflows do not save are still written while they run and only marked deleted; n8n removes
		// them on its next hard-deletion pass (every 15 minutes by default). A minute keeps that window short.
		const env = { EXECUTIONS_DATA_PRUNE_HARD_DELETE_INTERVAL: '1', EXECUTIONS_DATA_HARD_DELETE_BUFFER: '0', ...options.n8nEnv };
		const waitForWebhook = ['countries', { path: 'otp/login', method: 'POST' }, 'demo'];
		let n8n;
		if (queue) {
			log(`importing credentials and workflows into a new PostgreSQL database, starting n8n main + ${options.queueMode.workers} workers`);
			n8n = await runtime.startQueueMode({
				userFolder,
				workers: options.queueMode.workers,
				postgres: queue.postgres,
				redis: queue.redis,
				port: options.port,
				env,
				credentialsFile,
				workflowsDir: workflowFolder,
				waitForWebhook,
				timeoutMs: 180_000,
			});
			fs.rmSync(credentialsFile);
			log(`published ${n8n.published.length} workflows; n8n's database ${n8n.database}, queue prefix ${n8n.queuePrefix}`);
		} else {
			const published = await runtime.importWorkflows({ userFolder, dir: workflowFolder });
			log(`published ${published.length} workflows`);
			// The samples run by hand or on a schedule come along too, unpublished, for the builder to open in the editor.
			const unpublishedFolder = path.join(userFolder, 'import-unpublished');
			fs.mkdirSync(unpublishedFolder);
			// (A test that brings these files itself has already imported them.)
			const manual = MANUAL_WORKFLOWS.filter((file) => !(file in (options.extraWorkflows ?? {})));
			for (const file of manual) fs.copyFileSync(path.join(root, 'workflows', file), path.join(unpublishedFolder, file));
			if (manual.length > 0) await runtime.importWorkflows({ userFolder, dir: unpublishedFolder, publish: false });

			log('starting n8n');
			n8n = await runtime.startN8n({ userFolder, port: options.port, env, waitForWebhook, timeoutMs: 180_000 });
		}
		cleanups.push(() => n8n.stop());
		return {
			n8n,
			sandbox,
			userFolder,
			webhookUrl: n8n.webhookUrl,
			demoUrl: `${n8n.webhookUrl}demo`,
			admin: { header: ADMIN_HEADER, key: adminKey },
			memberStoreUrl: postgresUrl,
			stop,
		};
	} catch (error) {
		await stop();
		throw error;
	}
}

module.exports = { startBackend, SANDBOX_SERVICE_SID };
