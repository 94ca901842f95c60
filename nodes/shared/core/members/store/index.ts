/**
 * Opening member stores. Connections are cached per configuration for the life of the process, so every execution
 * reuses one SQLite connection or one PostgreSQL pool per credential. The cache holds connections, not state: all
 * state is in the database.
 */
import type { MemberQueries, MemberStore, StoreBackend, StoreConfig } from '../types';
import { normaliseStoreConfig, storeCacheKey } from './config';
import { LATEST_SCHEMA_VERSION } from './migrations';
import { openPostgresDriver } from './postgres';
import { SqlMemberQueries } from './queries';
import type { SqlDriver } from './sql';
import { openSqliteDriver } from './sqlite';

export { LATEST_SCHEMA_VERSION, TABLES } from './migrations';

class SqlMemberStore extends SqlMemberQueries implements MemberStore {
	readonly backend: StoreBackend;

	constructor(private readonly driver: SqlDriver) {
		super(driver);
		this.backend = driver.dialect;
	}

	transaction<T>(work: (tx: MemberQueries) => Promise<T>): Promise<T> {
		return this.driver.transaction((runner) => work(new SqlMemberQueries(runner)));
	}

	close(): Promise<void> {
		return this.driver.close();
	}
}

const openStores = new Map<string, Promise<MemberStore>>();

/**
 * Opens a store (creating or migrating its schema) without the cache. Callers own the result and must close it;
 * nodes use `openStore`.
 */
export async function connectStore(config: StoreConfig): Promise<MemberStore> {
	const normalised = normaliseStoreConfig(config);
	const driver =
		normalised.backend === 'sqlite' ? await openSqliteDriver(normalised.path) : await openPostgresDriver(normalised);
	return new SqlMemberStore(driver);
}

/** The process-wide store for this configuration, opened on first use. A failed open is retried on the next call. */
export function openStore(config: StoreConfig): Promise<MemberStore> {
	let normalised: StoreConfig;
	try {
		normalised = normaliseStoreConfig(config);
	} catch (error) {
		return Promise.reject(error);
	}
	const key = storeCacheKey(normalised);
	let store = openStores.get(key);
	if (!store) {
		store = connectStore(normalised);
		openStores.set(key, store);
		store.catch(() => openStores.delete(key));
	}
	return store;
}

export interface StoreCheck {
	backend: StoreBackend;
	schemaVersion: number;
	latestSchemaVersion: number;
}

/** For a credential test: opens the store (which creates or migrates its schema) and reads the schema version back. */
export async function checkStore(config: StoreConfig): Promise<StoreCheck> {
	const store = await openStore(config);
	return {
		backend: store.backend,
		schemaVersion: await store.schemaVersion(),
		latestSchemaVersion: LATEST_SCHEMA_VERSION,
	};
}

/** Closes every cached store: for tests and orderly shutdown. */
export async function closeAllStores(): Promise<void> {
	const stores = [...openStores.values()];
	openStores.clear();
	await Promise.all(stores.map(async (store) => (await store.catch(() => undefined))?.close()));
}
