/** Checking a store configuration and naming it for the connection cache. */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { ConfigurationError } from '../../errors';
import type { PostgresSsl, PostgresStoreConfig, SqliteStoreConfig, StoreConfig } from '../types';

/** Returns a clean copy of the configuration; a missing or malformed field is a ConfigurationError. */
export function normaliseStoreConfig(config: StoreConfig): StoreConfig {
	if (config?.backend === 'sqlite') return normaliseSqlite(config);
	if (config?.backend === 'postgres') return normalisePostgres(config);
	throw invalid('The member store backend must be "sqlite" or "postgres".');
}

/** Cache key: a hash, so the map of open stores does not hold readable passwords as keys. */
export function storeCacheKey(config: StoreConfig): string {
	return createHash('sha256').update(JSON.stringify(config)).digest('hex');
}

function normaliseSqlite(config: SqliteStoreConfig): SqliteStoreConfig {
	const path = typeof config.path === 'string' ? config.path.trim() : '';
	if (!path) throw invalid('The SQLite member store needs a file path.');
	// One connection per file per process: './members.db' and its absolute path must share it.
	return { backend: 'sqlite', path: path === ':memory:' ? path : resolve(path) };
}

function normalisePostgres(config: PostgresStoreConfig): PostgresStoreConfig {
	const host = requireText(config.host, 'host');
	const database = requireText(config.database, 'database');
	const user = requireText(config.user, 'user');
	const port = Number(config.port);
	if (!Number.isInteger(port) || port < 1 || port > 65_535)
		throw invalid('The PostgreSQL port must be from 1 to 65535.');
	if (config.password !== undefined && typeof config.password !== 'string')
		throw invalid('The PostgreSQL password must be text.');
	const ssl = normaliseSsl(config.ssl);
	const normalised: PostgresStoreConfig = {
		backend: 'postgres',
		host,
		port,
		database,
		user,
		password: config.password ?? '',
		ssl,
	};
	if (config.maxConnections !== undefined) {
		if (!Number.isInteger(config.maxConnections) || config.maxConnections < 1 || config.maxConnections > 100) {
			throw invalid('The PostgreSQL pool size (maxConnections) must be from 1 to 100.');
		}
		normalised.maxConnections = config.maxConnections;
	}
	return normalised;
}

function normaliseSsl(ssl: unknown): PostgresSsl {
	if (ssl === undefined || ssl === false) return false;
	if (ssl === true) return { rejectUnauthorized: true };
	if (typeof ssl === 'object' && ssl !== null && 'rejectUnauthorized' in ssl && typeof ssl.rejectUnauthorized === 'boolean') {
		const ca = 'ca' in ssl && ssl.ca !== undefined ? normalisePem(ssl.ca) : undefined;
		return ca ? { rejectUnauthorized: ssl.rejectUnauthorized, ca } : { rejectUnauthorized: ssl.rejectUnauthorized };
	}
	throw invalid('The PostgreSQL SSL setting must be false, true or { rejectUnauthorized: boolean, ca?: string }.');
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g;

/**
 * One or more PEM certificates, rewrapped at 64 characters: a certificate pasted into a single-line (password) field
 * loses its line breaks, which TLS would refuse.
 */
function normalisePem(value: unknown): string {
	const blocks = typeof value === 'string' ? [...value.matchAll(PEM_BLOCK)] : [];
	if (blocks.length === 0) {
		throw invalid('The PostgreSQL CA certificate must be a PEM certificate (-----BEGIN CERTIFICATE-----).');
	}
	return blocks
		.map(([, body]) => {
			const base64 = body.replace(/\s+/g, '');
			const lines = base64.match(/.{1,64}/g) ?? [];
			return ['-----BEGIN CERTIFICATE-----', ...lines, '-----END CERTIFICATE-----'].join('\n');
		})
		.join('\n');
}

function requireText(value: unknown, field: string): string {
	const text = typeof value === 'string' ? value.trim() : '';
	if (!text) throw invalid(`The PostgreSQL member store needs a ${field}.`);
	return text;
}

function invalid(message: string): ConfigurationError {
	return new ConfigurationError('INVALID_STORE_CONFIG', message);
}
