'use strict';
/**
 * n8n user folders (N8N_USER_FOLDER): creating one, its encryption key, and
 * the environment every n8n process on it shares.
 */

const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { envWithNode24 } = require('./processes');

/** A fresh, empty N8N_USER_FOLDER in the temp folder. */
function createUserFolder(prefix = 'n8n-runtime-') {
	return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * Stable per user folder, so the CLI imports and `n8n start` agree on it.
 * The hashed text must not change: existing user folders hold credentials
 * encrypted with this key.
 */
function encryptionKeyFor(userFolder) {
	return crypto
		.createHash('sha256')
		.update(`n8n-runtime:${path.resolve(userFolder)}`)
		.digest('hex')
		.slice(0, 32);
}

/**
 * Environment shared by every n8n process on a user folder: isolated state,
 * SQLite, and nothing that calls home (tests must not depend on network
 * access).
 */
function baseN8nEnv(userFolder, nodeDir) {
	return envWithNode24(nodeDir, {
		N8N_USER_FOLDER: path.resolve(userFolder),
		N8N_ENCRYPTION_KEY: encryptionKeyFor(userFolder),
		// SQLite in <user folder>/.n8n/database.sqlite (2.x's pooled driver, WAL):
		// one test at a time needs no more than a small pool.
		DB_TYPE: 'sqlite',
		DB_SQLITE_POOL_SIZE: '2',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		// The MCP server registry module fetches api.n8n.io at start-up and logs a
		// stack trace when it cannot. Do NOT disable `community-packages`: that
		// module is what loads packages from <user folder>/.n8n/nodes.
		N8N_DISABLED_MODULES: 'mcp-registry',
		// Set explicitly: keep today's defaults and silence "default will change"
		// notices. (N8N_RUNNERS_MODE is left unset: `internal`, the default, is
		// reported as deprecated whether set or not, and is what a test wants.)
		N8N_RUNNERS_TASK_TIMEOUT: '300',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_COMPRESSION_NODE_MAX_DECOMPRESSED_SIZE_BYTES: String(2 * 1024 ** 3),
		N8N_COMPRESSION_NODE_MAX_ZIP_ENTRIES: '5000',
		N8N_SECURE_COOKIE: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		// stop() waits this long for running executions before n8n exits.
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
		N8N_LOG_LEVEL: 'info',
		NODE_ENV: 'production',
	});
}

module.exports = { createUserFolder, encryptionKeyFor, baseN8nEnv };
