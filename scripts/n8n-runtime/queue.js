'use strict';
/**
 * n8n in queue mode (n8n's "scaling mode") on one machine: a main process
 * (`n8n start`) that serves the production webhooks and puts every execution
 * on a Bull queue in Redis, and N workers (`n8n worker`) that take executions
 * from the queue and run them. n8n's own database is PostgreSQL (SQLite cannot
 * be shared between processes): a fresh database per run, created here and
 * dropped by stop().
 *
 *   const cluster = await startQueueMode({ userFolder, workers: 2, credentialsFile, workflowsDir,
 *                                          waitForWebhook: 'countries' });
 *   ... HTTP calls against cluster.webhookUrl ...
 *   cluster.workers[0].logs()   // "Worker started execution 12 (job 7)" per execution it ran
 *   await cluster.stop();       // every process group, then the database and the run's Redis keys
 *
 * Why it is put together this way (variable names as n8n 2.41.1 reads them,
 * in @n8n/config/dist/configs/*.config.js of the installed runtime):
 * - The main process serves the webhooks itself (N8N_DISABLE_PRODUCTION_MAIN_PROCESS
 *   stays false, its default): one address for the webhooks, no extra
 *   `n8n webhook` process. It only enqueues; workers run every execution
 *   (EXECUTIONS_MODE=queue), and "Respond to Webhook" answers travel back to
 *   the main process through Redis.
 * - Every process gets the same N8N_USER_FOLDER (the community package is
 *   installed once, in <userFolder>/.n8n/nodes), the same N8N_ENCRYPTION_KEY
 *   (from user-folder.js) and the same DB_TYPE=postgresdb + DB_POSTGRESDB_*.
 * - Per run: QUEUE_BULL_PREFIX (the Bull queue's keys) and N8N_REDIS_KEY_PREFIX
 *   (pub/sub channels, the cache, locks) are unique, so runs sharing one Redis
 *   never take each other's jobs or messages.
 * - Per process: its own task broker port (N8N_RUNNERS_BROKER_PORT, 5679 by
 *   default for every process). A worker opens no port unless asked; here each
 *   one serves /healthz and /healthz/readiness on its own port
 *   (QUEUE_HEALTH_CHECK_ACTIVE, QUEUE_HEALTH_CHECK_PORT, default 5678 like the
 *   main's N8N_PORT, bound to N8N_WORKER_SERVER_ADDRESS), which is how
 *   startQueueMode knows it is ready. Its own event log file
 *   (N8N_EVENTBUS_LOGWRITER_LOGFULLPATH), since every worker of a user folder
 *   would otherwise append to the same .n8n/n8nEventLog-worker.log.
 * - The workers' crash journal is off (N8N_DEV_RELOAD=true, which in a worker
 *   changes nothing else: n8n reads it only in crash-journal.js and in the
 *   main's server.js). The journal is one file, <userFolder>/.n8n/crash.journal,
 *   that each process touches at start and removes at exit: sharing it, every
 *   process after the first would report "Last session crashed" and wait 10 s.
 * - The n8n CLI commands (import, publish) get only the DB_* variables: they
 *   write to the new database and need no Redis.
 *
 * Known and harmless here: n8n names a worker `worker-<hostname>` when it
 * runs in a container (else `worker-<random>`), so two workers in one
 * container share that id and the main process logs "Detected multiple
 * instances sharing the same hostId". n8n uses the id to label workers
 * (worker status, instance registry, job messages); Bull still hands each job
 * to one worker, as test/e2e/queueMode.test.ts shows. n8n 2.41.1 also logs
 * that PostgreSQL before 17 is unsupported; the tests pass on PostgreSQL 15.
 */

const crypto = require('node:crypto');
const path = require('node:path');

const { ensureN8nInstalled } = require('./install');
const { importCredentials, importWorkflows } = require('./cli-commands');
const { sleep } = require('./processes');
const { echoLogsByDefault, findFreePort, installedN8nFor, probe, spawnN8nProcess, startN8n } = require('./start');
const { baseN8nEnv } = require('./user-folder');

const DEFAULT_POSTGRES = { host: '127.0.0.1', port: 5432, user: 'postgres', password: '', adminDatabase: 'postgres' };
const DEFAULT_REDIS = { host: '127.0.0.1', port: 6379 };

/** Modules of n8n's own install, so the runtime keeps to node: built-ins itself (see index.js). */
async function requireFromN8n(name, cacheDir) {
	const installed = await ensureN8nInstalled({ cacheDir });
	return require(path.join(installed.cacheDir, 'node_modules', name));
}

function postgresServer(postgres = {}) {
	return { ...DEFAULT_POSTGRES, ...postgres, port: Number(postgres.port ?? DEFAULT_POSTGRES.port) };
}

/** A database name nobody else uses: `<prefix>_<our pid>_<random>`. */
function uniqueDatabaseName(prefix) {
	return `${prefix}_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
}

function assertDatabaseName(name) {
	// Names go into CREATE/DROP DATABASE as they are: keep them to plain identifiers.
	if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`not a plain PostgreSQL database name: ${name}`);
}

async function withAdminClient(postgres, work, cacheDir) {
	const { Client } = await requireFromN8n('pg', cacheDir);
	const server = postgresServer(postgres);
	const client = new Client({
		host: server.host,
		port: server.port,
		user: server.user,
		password: server.password,
		database: server.adminDatabase,
		connectionTimeoutMillis: 10_000,
	});
	try {
		await client.connect();
	} catch (error) {
		throw new Error(
			`cannot reach PostgreSQL at ${server.host}:${server.port} (user ${server.user}, database ${server.adminDatabase}): ${error.message}`,
		);
	}
	try {
		return await work(client);
	} finally {
		await client.end();
	}
}

/**
 * Creates an empty database on the server (connecting to its `adminDatabase`,
 * `postgres` by default). `name` defaults to a unique one with `prefix`.
 * @returns {Promise<string>} the database's name
 */
async function createPostgresDatabase({ postgres, name, prefix = 'n8n_runtime', cacheDir } = {}) {
	name = name ?? uniqueDatabaseName(prefix);
	assertDatabaseName(name);
	await withAdminClient(postgres, (client) => client.query(`CREATE DATABASE ${name}`), cacheDir);
	return name;
}

/** Drops a database, closing whatever connections are still open to it. */
async function dropPostgresDatabase({ postgres, name, cacheDir }) {
	assertDatabaseName(name);
	await withAdminClient(postgres, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`), cacheDir);
}

/** A Redis client from n8n's own ioredis that gives up at once instead of reconnecting for ever. */
async function redisClient(redis, cacheDir) {
	const Redis = await requireFromN8n('ioredis', cacheDir);
	return new Redis({
		host: redis.host,
		port: redis.port,
		lazyConnect: true,
		connectTimeout: 5_000,
		maxRetriesPerRequest: 0,
		retryStrategy: () => null,
	});
}

async function assertRedisReachable(redis, cacheDir) {
	const client = await redisClient(redis, cacheDir);
	client.on('error', () => undefined);
	try {
		await client.connect();
		await client.ping();
	} catch (error) {
		throw new Error(`cannot reach Redis at ${redis.host}:${redis.port}: ${error.message}`);
	} finally {
		client.disconnect();
	}
}

/** Deletes the keys a run left in Redis (completed jobs, cache entries), found by its unique run id. */
async function deleteRunKeys(redis, runId, cacheDir) {
	const client = await redisClient(redis, cacheDir);
	client.on('error', () => undefined);
	try {
		await client.connect();
		let cursor = '0';
		do {
			const [next, keys] = await client.scan(cursor, 'MATCH', `*${runId}*`, 'COUNT', 500);
			if (keys.length > 0) await client.del(...keys);
			cursor = next;
		} while (cursor !== '0');
	} finally {
		client.disconnect();
	}
}

/** Waits until a worker's /healthz/readiness answers 200: database connected and migrated, Redis connected, queue set up. */
async function waitForWorker(worker, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (worker.exitStatus()) throw new Error(`n8n worker ${worker.index} stopped (${worker.exitStatus()}) while starting`);
		if ((await probe(`${worker.healthUrl}healthz/readiness`))?.status === 200) return;
		if (Date.now() > deadline) {
			throw new Error(`n8n worker ${worker.index} not ready after ${timeoutMs / 1000} s: no 200 from ${worker.healthUrl}healthz/readiness`);
		}
		await sleep(250);
	}
}

/**
 * Starts n8n in queue mode on 127.0.0.1: creates a fresh PostgreSQL database
 * for n8n, imports `credentialsFile` and the workflows of `workflowsDir` into
 * it (and publishes them), then starts `workers` workers and the main
 * process, and waits until every worker is ready and the main process answers
 * as startN8n's does (readiness, then every webhook of `waitForWebhook`).
 * Output: <userFolder>/n8n.log for the main process, n8n-worker-<i>.log for
 * worker i (1-based). stop() stops every process group, then drops the
 * database and deletes the run's keys from Redis.
 *
 * @param {object} options
 * @param {string} options.userFolder shared by every process (the community package installed in it)
 * @param {number} [options.workers] how many `n8n worker` processes (2 by default)
 * @param {{host?: string, port?: number, user?: string, password?: string, adminDatabase?: string}} [options.postgres]
 *   where n8n's database is created (127.0.0.1:5432, user postgres, via the database `postgres` by default)
 * @param {{host?: string, port?: number}} [options.redis] the queue's Redis (127.0.0.1:6379 by default)
 * @param {Record<string, string>} [options.env] more environment variables for every n8n process
 * @param {number} [options.port] the main process's port (a free one when omitted)
 * @param {number} [options.workerConcurrency] executions one worker runs at once (n8n's default: 10)
 * @param {string} [options.credentialsFile] an n8n credentials export to import first
 * @param {string} [options.workflowsDir] a folder of workflow *.json to import and publish first
 * @returns {Promise<{ url: string, webhookUrl: string, port: number, pid: number, logFile: string, logs(): string,
 *   workers: Array<{ index: number, pid: number, healthUrl: string, logFile: string, logs(): string }>,
 *   database: string, queuePrefix: string, published: string[], stop(): Promise<void> }>}
 */
async function startQueueMode({
	userFolder,
	workers = 2,
	postgres,
	redis,
	env = {},
	port,
	workerConcurrency,
	credentialsFile,
	workflowsDir,
	waitForWebhook,
	timeoutMs = 180_000,
	echoLogs = echoLogsByDefault(),
	cacheDir,
} = {}) {
	if (!Number.isInteger(workers) || workers < 1) throw new Error(`startQueueMode needs at least one worker, not ${workers}`);
	const { n8nBin, nodeBin, nodeDir } = await installedN8nFor('startQueueMode', userFolder, cacheDir);
	const server = postgresServer(postgres);
	const queueRedis = { ...DEFAULT_REDIS, ...redis, port: Number(redis?.port ?? DEFAULT_REDIS.port) };
	await assertRedisReachable(queueRedis, cacheDir);

	const runId = `tvmq${process.pid}x${crypto.randomBytes(4).toString('hex')}`;
	const queuePrefix = `${runId}-bull`;
	// stop(): every process group at once (each waits for its running executions), then what the run left behind.
	const processes = [];
	const leftovers = [];
	const stop = async () => {
		await Promise.all(processes.splice(0).map((n8n) => n8n.stop()));
		const errors = [];
		for (const cleanup of leftovers.splice(0).reverse()) {
			try {
				await cleanup();
			} catch (error) {
				errors.push(error);
			}
		}
		if (errors.length > 0) throw new Error(`stopping queue mode: ${errors.map((e) => e.message).join('; ')}`);
	};

	try {
		const database = await createPostgresDatabase({ postgres: server, name: `n8n_${runId}`, cacheDir });
		leftovers.push(() => dropPostgresDatabase({ postgres: server, name: database, cacheDir }));
		leftovers.push(() => deleteRunKeys(queueRedis, runId, cacheDir));

		const databaseEnv = {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: server.host,
			DB_POSTGRESDB_PORT: String(server.port),
			DB_POSTGRESDB_USER: server.user,
			DB_POSTGRESDB_PASSWORD: server.password,
			DB_POSTGRESDB_DATABASE: database,
		};
		// The CLI migrates the new database on its first command.
		if (credentialsFile) await importCredentials({ userFolder, file: credentialsFile, env: databaseEnv });
		const published = workflowsDir ? await importWorkflows({ userFolder, dir: workflowsDir, env: databaseEnv }) : [];

		port = port || (await findFreePort());
		const url = `http://127.0.0.1:${port}/`;
		const sharedEnv = {
			...databaseEnv,
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: queueRedis.host,
			QUEUE_BULL_REDIS_PORT: String(queueRedis.port),
			QUEUE_BULL_PREFIX: queuePrefix,
			N8N_REDIS_KEY_PREFIX: runId,
			// The main process serves the production webhooks (n8n's default, stated here on purpose).
			N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'false',
			// Manual runs from the editor go to the workers too, as n8n 3 will always do (2.x warns at start-up without it).
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			// One public address for every process, as n8n's docs ask of queue mode (resume URLs and the like).
			N8N_HOST: '127.0.0.1',
			N8N_PORT: String(port),
			N8N_PROTOCOL: 'http',
			N8N_EDITOR_BASE_URL: url,
			N8N_WEBHOOK_URL: url,
		};

		// Workers first: they boot while the main process does.
		const started = [];
		for (let index = 1; index <= workers; index++) {
			const healthPort = await findFreePort();
			const brokerPort = await findFreePort();
			const n8n = spawnN8nProcess({
				nodeBin,
				n8nBin,
				userFolder,
				args: ['worker', ...(workerConcurrency ? [`--concurrency=${workerConcurrency}`] : [])],
				logName: `n8n-worker-${index}.log`,
				echoLogs,
				env: {
					...baseN8nEnv(userFolder, nodeDir),
					...sharedEnv,
					N8N_RUNNERS_BROKER_PORT: String(brokerPort),
					N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
					QUEUE_HEALTH_CHECK_ACTIVE: 'true',
					QUEUE_HEALTH_CHECK_PORT: String(healthPort),
					N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
					N8N_EVENTBUS_LOGWRITER_LOGFULLPATH: path.join(path.resolve(userFolder), '.n8n', `n8nEventLog-worker-${index}.log`),
					N8N_DEV_RELOAD: 'true',
					...env,
				},
			});
			processes.push(n8n);
			started.push({ ...n8n, index, healthUrl: `http://127.0.0.1:${healthPort}/` });
		}

		let main;
		try {
			main = await startN8n({
				userFolder,
				port,
				env: { ...sharedEnv, ...env },
				waitForWebhook,
				timeoutMs,
				echoLogs,
				cacheDir,
			});
		} catch (error) {
			// The main process failed: the workers' last lines may say why (a Redis or database problem).
			for (const worker of started) error.message += `\n--- last lines of ${worker.logFile} ---\n${worker.tail(20)}`;
			throw error;
		}
		processes.push(main);

		for (const worker of started) {
			try {
				await waitForWorker(worker, timeoutMs);
			} catch (error) {
				error.message += `\n--- last lines of ${worker.logFile} ---\n${worker.tail(60)}`;
				throw error;
			}
		}

		return {
			url: main.url,
			webhookUrl: main.webhookUrl,
			port: main.port,
			pid: main.pid,
			logFile: main.logFile,
			logs: main.logs,
			workers: started.map(({ index, pid, healthUrl, logFile, logs }) => ({ index, pid, healthUrl, logFile, logs })),
			database,
			queuePrefix,
			published,
			stop,
		};
	} catch (error) {
		await stop().catch(() => undefined);
		throw error;
	}
}

module.exports = { startQueueMode, createPostgresDatabase, dropPostgresDatabase };
