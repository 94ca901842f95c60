/** Reads the "Member Store" credential and builds what the member flows need: the store, Verify, secret, policy. */
import { homedir } from 'node:os';
import { join } from 'node:path';

import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IDataObject,
	IExecuteFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { checkStore, openStore, type MemberFlowContext, type MemberPolicy, type StoreConfig } from '../core/members';
import { readServiceSid, verifyClientFor } from './transport';

export const MEMBER_STORE_CREDENTIAL = 'memberStoreApi';
const DEFAULT_SQLITE_FILE = 'twilio-verify-members.sqlite';

/** n8n keeps its own data in <N8N_USER_FOLDER or home>/.n8n; the member file sits beside it by default. */
function defaultSqlitePath(): string {
	return join(process.env.N8N_USER_FOLDER || homedir(), '.n8n', DEFAULT_SQLITE_FILE);
}

function storeConfigFrom(credentials: ICredentialDataDecryptedObject): StoreConfig {
	if (credentials.backend === 'postgres') {
		const ssl = credentials.ssl === 'verify' ? true : credentials.ssl === 'allowUnauthorized' ? { rejectUnauthorized: false } : false;
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

/** The "Security" collection of the member nodes, as policy overrides. */
function policyFrom(options: IDataObject, sessionLifetimeHours: unknown): Partial<MemberPolicy> {
	const policy: Partial<MemberPolicy> = {};
	for (const [name, value] of Object.entries(options)) {
		if (typeof value === 'number') policy[name as keyof MemberPolicy] = value;
	}
	const hours = Number(sessionLifetimeHours);
	if (Number.isFinite(hours) && hours > 0) policy.sessionTtlSeconds = Math.round(hours * 3600);
	return policy;
}

/**
 * Built once per execution: the store (one shared connection or pool per credential), the shared Verify client, the
 * signing secret and the policy. `withVerify: false` skips Verify for operations that send nothing.
 */
export async function memberContextFor(
	context: IExecuteFunctions,
	options: { withVerify: boolean } = { withVerify: true },
): Promise<MemberFlowContext> {
	const credentials = await context.getCredentials(MEMBER_STORE_CREDENTIAL);
	const store = await openStore(storeConfigFrom(credentials));
	const policy = policyFrom(context.getNodeParameter('security', 0, {}) as IDataObject, credentials.sessionLifetimeHours);
	const base = { store, policy, sessionSecret: String(credentials.sessionSecret ?? '') };
	if (!options.withVerify) return base as MemberFlowContext;
	const gateway = await verifyClientFor(context);
	const serviceSid = readServiceSid(context, gateway, 0);
	return { ...base, gateway, serviceSid };
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
