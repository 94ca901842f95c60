/**
 * PostgreSQL backend through `pg`, for several n8n processes (queue mode) sharing one store. Concurrency is decided by
 * the database: unique constraints, conditional updates and row locks, never by a check in JavaScript.
 */
import type { PoolClient, PoolConfig } from '../../../vendor/pg';
import { ConfigurationError, ServiceUnavailableError } from '../../errors';
import type { PostgresStoreConfig } from '../types';
import {
	CURRENT_VERSION_QUERY,
	RECORD_VERSION_STATEMENT,
	pendingMigrations,
	versionTableStatement,
} from './migrations';
import type { Row, SqlDriver, SqlRunner, SqlValue } from './sql';

type PgPool = InstanceType<typeof import('../../../vendor/pg').Pool>;

/** Any constant works; this one spells "TVM1". Serialises schema migrations across processes. */
const MIGRATION_LOCK_ID = 0x54564d31;
const DEFAULT_MAX_CONNECTIONS = 10;

/** Network failures and server states that mean "try again later", not "your setup is wrong". */
const UNREACHABLE_CODES = new Set([
	'ECONNREFUSED',
	'ECONNRESET',
	'ETIMEDOUT',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EPIPE',
	'57P01', // admin shutdown
	'57P02', // crash shutdown
	'57P03', // cannot connect now (starting up)
	'53300', // too many connections
]);
/** Wrong password, unknown user or database, missing privilege: the credential needs fixing. */
const REJECTED_CODES = new Set(['28P01', '28000', '3D000', '42501']);

export async function openPostgresDriver(config: PostgresStoreConfig): Promise<SqlDriver> {
	// Loaded on first use so n8n start-up does not pay for a driver most workflows never touch.
	const { Pool } = await import('../../../vendor/pg');
	const pool = new Pool(poolConfig(config));
	// An idle connection dropped by the server is discarded by the pool; without a listener it would crash n8n.
	pool.on('error', () => undefined);
	try {
		await migrate(pool);
	} catch (error) {
		await pool.end().catch(() => undefined);
		throw translateError(error, config);
	}
	return new PostgresDriver(pool, config);
}

function poolConfig(config: PostgresStoreConfig): PoolConfig {
	return {
		host: config.host,
		port: config.port,
		database: config.database,
		user: config.user,
		password: config.password,
		ssl: config.ssl,
		max: config.maxConnections ?? DEFAULT_MAX_CONNECTIONS,
		connectionTimeoutMillis: 10_000,
		idleTimeoutMillis: 30_000,
		statement_timeout: 30_000,
		keepAlive: true,
		application_name: 'n8n-nodes-twilio-verify',
		// The pool is a cache shared by executions; it must not keep a finished n8n CLI run alive.
		allowExitOnIdle: true,
	};
}

async function migrate(pool: PgPool): Promise<void> {
	await withClient(pool, async (client) => {
		await client.query('BEGIN');
		try {
			// Held until COMMIT: a second process starting at the same time waits here, then finds nothing to do.
			await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_ID]);
			await client.query(versionTableStatement('postgres'));
			const { rows } = await client.query<{ version: number }>(CURRENT_VERSION_QUERY);
			for (const migration of pendingMigrations('postgres', rows[0].version)) {
				for (const statement of migration.statements) await client.query(statement);
				await client.query(RECORD_VERSION_STATEMENT, [migration.version, new Date()]);
			}
			await client.query('COMMIT');
		} catch (error) {
			await client.query('ROLLBACK').catch(() => undefined);
			throw error;
		}
	});
}

async function withClient<T>(pool: PgPool, work: (client: PoolClient) => Promise<T>): Promise<T> {
	const client = await pool.connect();
	let broken: Error | undefined;
	try {
		return await work(client);
	} catch (error) {
		if (isUnreachable(error)) broken = error as Error;
		throw error;
	} finally {
		// A client whose connection failed must not go back to the pool.
		client.release(broken);
	}
}

class PostgresDriver implements SqlDriver {
	readonly dialect = 'postgres';

	constructor(
		private readonly pool: PgPool,
		private readonly config: PostgresStoreConfig,
	) {}

	async query(sql: string, params: SqlValue[] = []): Promise<Row[]> {
		return (await this.run(this.pool, sql, params)).rows;
	}

	async execute(sql: string, params: SqlValue[] = []): Promise<number> {
		return (await this.run(this.pool, sql, params)).rowCount ?? 0;
	}

	async transaction<T>(work: (runner: SqlRunner) => Promise<T>): Promise<T> {
		let client: PoolClient;
		try {
			client = await this.pool.connect();
		} catch (error) {
			throw translateError(error, this.config);
		}
		const runner: SqlRunner = {
			query: async (sql, params = []) => (await this.run(client, sql, params)).rows,
			execute: async (sql, params = []) => (await this.run(client, sql, params)).rowCount ?? 0,
		};
		let broken: Error | undefined;
		try {
			await this.run(client, 'BEGIN');
			const result = await work(runner);
			await this.run(client, 'COMMIT');
			return result;
		} catch (error) {
			try {
				await client.query('ROLLBACK');
			} catch (rollbackError) {
				broken = rollbackError as Error;
			}
			throw error;
		} finally {
			client.release(broken);
		}
	}

	async close(): Promise<void> {
		await this.pool.end();
	}

	private async run(target: PgPool | PoolClient, sql: string, params: SqlValue[] = []) {
		try {
			return await target.query<Row>(sql, params);
		} catch (error) {
			throw translateError(error, this.config);
		}
	}
}

function errorCode(error: unknown): string | undefined {
	const code = (error as { code?: unknown })?.code;
	return typeof code === 'string' ? code : undefined;
}

function isUnreachable(error: unknown): boolean {
	const code = errorCode(error);
	if (code && (UNREACHABLE_CODES.has(code) || code.startsWith('08'))) return true;
	const message = (error as Error)?.message ?? '';
	return /timeout|Connection terminated|connection closed/i.test(message);
}

/** Outages and rejected credentials get errors that say what to do; messages never contain the password. */
function translateError(error: unknown, config: PostgresStoreConfig): unknown {
	const where = `${config.host}:${config.port}/${config.database}`;
	const safe = (message: string) => withoutPassword(message, config.password);
	if (REJECTED_CODES.has(errorCode(error) ?? '')) {
		return new ConfigurationError(
			'STORE_REJECTED',
			safe(
				`The PostgreSQL member store at ${where} refused the connection: ${describe(error)}. Check the Member Store credential.`,
			),
		);
	}
	if (isUnreachable(error)) {
		return new ServiceUnavailableError(
			'STORE_UNAVAILABLE',
			safe(`The PostgreSQL member store at ${where} cannot be reached: ${describe(error)}`),
			{
				cause: error,
			},
		);
	}
	return error;
}

function describe(error: unknown): string {
	const { message, code } = error as { message?: string; code?: string };
	// Node reports a refused connection to several addresses as an AggregateError with an empty message.
	return message || code || 'unknown error';
}

function withoutPassword(text: string, password: string): string {
	return password ? text.split(password).join('•••') : text;
}
