/**
 * SQLite backend through Node's built-in node:sqlite (no native add-on to compile). One connection per file per
 * process; WAL lets readers work while one writer writes, and the busy timeout makes other processes wait their turn.
 */
import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { ServiceUnavailableError } from '../../errors';
import {
	CURRENT_VERSION_QUERY,
	RECORD_VERSION_STATEMENT,
	pendingMigrations,
	versionTableStatement,
} from './migrations';
import type { Row, SqlDriver, SqlRunner, SqlValue } from './sql';

const BUSY_TIMEOUT_MS = 5_000;
const SQLITE_BUSY = 5;
const SQLITE_LOCKED = 6;

export async function openSqliteDriver(path: string): Promise<SqlDriver> {
	let db: DatabaseSync | undefined;
	try {
		// Loaded on first use: node:sqlite prints an ExperimentalWarning on some Node versions, and most workflows never need it.
		const { DatabaseSync } = await import('node:sqlite');
		if (path !== ':memory:') createPrivately(path);
		db = new DatabaseSync(path);
		db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
		db.exec('PRAGMA journal_mode = WAL');
		db.exec('PRAGMA synchronous = NORMAL');
		db.exec('PRAGMA foreign_keys = ON');
		migrate(db);
		return new SqliteDriver(db);
	} catch (error) {
		closeQuietly(db);
		throw new ServiceUnavailableError(
			'STORE_UNAVAILABLE',
			`The SQLite member store at ${path} cannot be opened: ${(error as Error).message}`,
			{ cause: error },
		);
	}
}

/**
 * The file holds password hashes and sessions: when this package creates it, only n8n's own user may read it (0600,
 * in a 0700 folder). SQLite gives its -wal and -shm files the same mode. An existing file keeps its permissions.
 */
function createPrivately(path: string): void {
	mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
	if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
}

function rollbackQuietly(db: DatabaseSync): void {
	try {
		db.exec('ROLLBACK');
	} catch {
		// SQLite already rolled back (for example after SQLITE_BUSY); nothing is left open.
	}
}

function closeQuietly(db: DatabaseSync | undefined): void {
	try {
		db?.close();
	} catch {
		// already closed
	}
}

/**
 * Synchronous on purpose: no other code of this process runs between BEGIN IMMEDIATE and COMMIT, so two stores opened
 * on one file at the same time (or two processes) apply each migration once, one after the other.
 */
function migrate(db: DatabaseSync): void {
	db.exec('BEGIN IMMEDIATE');
	try {
		db.exec(versionTableStatement('sqlite'));
		const { version } = db.prepare(CURRENT_VERSION_QUERY).get() as { version: number };
		for (const migration of pendingMigrations('sqlite', version)) {
			for (const statement of migration.statements) db.exec(statement);
			db.prepare(toSqlite(RECORD_VERSION_STATEMENT)).run(migration.version, new Date().toISOString());
		}
		db.exec('COMMIT');
	} catch (error) {
		rollbackQuietly(db);
		throw error;
	}
}

class SqliteDriver implements SqlDriver {
	readonly dialect = 'sqlite';
	private readonly statements = new Map<string, StatementSync>();
	/** One connection runs one unit of work at a time: otherwise another flow's statement could land in our transaction. */
	private queue: Promise<unknown> = Promise.resolve();
	private readonly direct: SqlRunner = {
		query: async (sql, params) => this.all(sql, params),
		execute: async (sql, params) => this.changes(sql, params),
	};

	constructor(private readonly db: DatabaseSync) {}

	query(sql: string, params: SqlValue[] = []): Promise<Row[]> {
		return this.exclusively(async () => this.all(sql, params));
	}

	execute(sql: string, params: SqlValue[] = []): Promise<number> {
		return this.exclusively(async () => this.changes(sql, params));
	}

	transaction<T>(work: (runner: SqlRunner) => Promise<T>): Promise<T> {
		return this.exclusively(async () => {
			this.exec('BEGIN IMMEDIATE');
			try {
				const result = await work(this.direct);
				this.exec('COMMIT');
				return result;
			} catch (error) {
				rollbackQuietly(this.db);
				throw error;
			}
		});
	}

	async close(): Promise<void> {
		await this.exclusively(async () => this.db.close());
	}

	private exclusively<T>(work: () => Promise<T>): Promise<T> {
		const result = this.queue.then(work, work);
		this.queue = result.catch(() => undefined);
		return result;
	}

	private all(sql: string, params: SqlValue[] = []): Row[] {
		try {
			return this.prepare(sql).all(...params.map(toSqliteValue)) as Row[];
		} catch (error) {
			throw translateError(error);
		}
	}

	private changes(sql: string, params: SqlValue[] = []): number {
		try {
			return Number(this.prepare(sql).run(...params.map(toSqliteValue)).changes);
		} catch (error) {
			throw translateError(error);
		}
	}

	/** Statements are compiled once per connection: the queries are a fixed set of constant strings. */
	private prepare(sql: string): StatementSync {
		let statement = this.statements.get(sql);
		if (!statement) {
			statement = this.db.prepare(toSqlite(sql));
			this.statements.set(sql, statement);
		}
		return statement;
	}

	private exec(sql: string): void {
		try {
			this.db.exec(sql);
		} catch (error) {
			throw translateError(error);
		}
	}
}

/** `$1` → `?1`: SQLite's numbered parameters bind by number, so a placeholder may appear twice. */
function toSqlite(sql: string): string {
	return sql.replace(/\$(\d+)/g, '?$1');
}

function toSqliteValue(value: SqlValue): string | number | null {
	return value instanceof Date ? value.toISOString() : value;
}

function translateError(error: unknown): unknown {
	const errcode = (error as { errcode?: number }).errcode;
	if (typeof errcode === 'number' && [SQLITE_BUSY, SQLITE_LOCKED].includes(errcode & 0xff)) {
		return new ServiceUnavailableError(
			'STORE_UNAVAILABLE',
			`The SQLite member store stayed locked by another process for more than ${BUSY_TIMEOUT_MS / 1000} seconds.`,
			{ cause: error },
		);
	}
	return error;
}
