/** The "Member Store" credential: where the members live, and the test that opens the store. */
import { homedir } from 'node:os';
import { join } from 'node:path';

import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { checkStore, type PostgresSsl, type StoreConfig } from '../core/members';

export const MEMBER_STORE_CREDENTIAL = 'memberStoreApi';
const DEFAULT_SQLITE_FILE = 'twilio-verify-members.sqlite';

/** n8n keeps its own data in <N8N_USER_FOLDER or home>/.n8n; the member file sits beside it by default. */
function defaultSqlitePath(): string {
	return join(process.env.N8N_USER_FOLDER || homedir(), '.n8n', DEFAULT_SQLITE_FILE);
}

export function storeConfigFrom(credentials: ICredentialDataDecryptedObject): StoreConfig {
	if (credentials.backend === 'postgres') {
		const ssl = sslFrom(credentials.ssl, credentials.caCertificate);
		return {
			backend: 'postgres',
			host: String(credentials.host ?? ''),
			port: Number(credentials.port ?? 5432),
			database: String(credentials.database ?? ''),
			user: String(credentials.user ?? ''),
			password: String(credentials.password ?? ''),
			ssl,
		};
	}
	return { backend: 'sqlite', path: String(credentials.sqlitePath || '') || defaultSqlitePath() };
}

/**
 * "Verify Full" checks the certificate and the host name (Node's TLS default once rejectUnauthorized is on); "Require"
 * only encrypts. The values 'verify' and 'allowUnauthorized' are what earlier versions stored for the same two modes.
 */
function sslFrom(mode: unknown, caCertificate: unknown): PostgresSsl {
	if (mode === 'verify-full' || mode === 'verify') {
		const ca = typeof caCertificate === 'string' && caCertificate.trim() ? caCertificate.trim() : undefined;
		return ca ? { rejectUnauthorized: true, ca } : { rejectUnauthorized: true };
	}
	if (mode === 'require' || mode === 'allowUnauthorized') return { rejectUnauthorized: false };
	return false;
}

/** Credential test: opens the store (creating or migrating the schema) and reads its version. */
export async function memberStoreConnectionTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	try {
		const check = await checkStore(storeConfigFrom(credential.data ?? {}));
		return { status: 'OK', message: `Connected to ${check.backend}; schema version ${check.schemaVersion}` };
	} catch (error) {
		return { status: 'Error', message: error instanceof Error ? error.message : String(error) };
	}
}
