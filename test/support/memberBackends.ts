/**
 * The two real backends every store and flow test runs against: SQLite in a temporary folder, and PostgreSQL on
 * 127.0.0.1:5432 (trust auth, or TEST_PG_URL) with a fresh database per test file, dropped afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoreConfig } from '../../nodes/shared/core/members';

export interface TestBackend {
	name: 'sqlite' | 'postgres';
	/** a configuration for a new, empty store */
	create(): Promise<StoreConfig>;
	/** reads the database behind a configuration directly, bypassing the store ($1 placeholders) */
	query(config: StoreConfig, sql: string, params?: unknown[]): Promise<Array<Record<string, unknown>>>;
	/** removes everything `create` made */
	cleanUp(): Promise<void>;
}

/** The local server by default; TEST_PG_URL (postgres://user:password@host:port/database) points elsewhere. */
const pgUrl = process.env.TEST_PG_URL ? new URL(process.env.TEST_PG_URL) : undefined;
export const PG_SERVER = {
	host: pgUrl?.hostname || '127.0.0.1',
	port: Number(pgUrl?.port || 5432),
	user: decodeURIComponent(pgUrl?.username || 'postgres'),
	password: decodeURIComponent(pgUrl?.password || ''),
};
/** An existing database to connect to while creating and dropping the per-file test databases. */
const PG_ADMIN_DATABASE = pgUrl?.pathname.slice(1) || 'test';

function sqliteBackend(): TestBackend {
	const folders: string[] = [];
	return {
		name: 'sqlite',
		async create() {
			const folder = mkdtempSync(join(tmpdir(), 'tvm-members-'));
			folders.push(folder);
			return { backend: 'sqlite', path: join(folder, 'members.db') };
		},
		async query(config, sql, params = []) {
			if (config.backend !== 'sqlite') throw new Error('not a SQLite config');
			const { DatabaseSync } = await import('node:sqlite');
			const db = new DatabaseSync(config.path);
			try {
				return db.prepare(sql.replace(/\$(\d+)/g, '?$1')).all(...(params as Array<string | number | null>)) as Array<
					Record<string, unknown>
				>;
			} finally {
				db.close();
			}
		},
		async cleanUp() {
			for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
		},
	};
}

function postgresBackend(): TestBackend {
	const databases: string[] = [];
	const admin = async <T>(work: (client: import('pg').Client) => Promise<T>): Promise<T> => {
		const { Client } = await import('pg');
		const client = new Client({ ...PG_SERVER, database: PG_ADMIN_DATABASE });
		await client.connect();
		try {
			return await work(client);
		} finally {
			await client.end();
		}
	};
	return {
		name: 'postgres',
		async create() {
			const database = `tvm_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
			await admin((client) => client.query(`CREATE DATABASE ${database}`));
			databases.push(database);
			return { backend: 'postgres', ...PG_SERVER, database, ssl: false };
		},
		async query(config, sql, params = []) {
			if (config.backend !== 'postgres') throw new Error('not a PostgreSQL config');
			const { Client } = await import('pg');
			const client = new Client({ ...PG_SERVER, database: config.database });
			await client.connect();
			try {
				return (await client.query(sql, params)).rows;
			} finally {
				await client.end();
			}
		},
		async cleanUp() {
			const names = databases.splice(0);
			await admin(async (client) => {
				for (const name of names) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
			});
		},
	};
}

export const BACKENDS: TestBackend[] = [sqliteBackend(), postgresBackend()];
