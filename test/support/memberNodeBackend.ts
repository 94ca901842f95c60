/** What a member node test needs around each test: a Verify sandbox with a service, a fresh store, the credentials. */
import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData, INodeType } from 'n8n-workflow';

import { closeAllStores, type StoreConfig } from '../../nodes/shared/core/members';
import type { TestBackend } from './memberBackends';
import { runNode } from './n8nEngine';
import { byId, jsonOf, sandboxWithService, verifyCredentials, type Sandbox } from './nodeHelpers';

/** The member store credential's session signing secret, unless a test gives another. */
export const NODE_SESSION_SECRET = 'node-test-session-secret-0123456789abcdef';

/** The json of a member node's two outputs. */
export interface MemberNodeAnswer {
	success: IDataObject[];
	failure: IDataObject[];
}

export interface MemberNodeBackend {
	readonly sandbox: Sandbox;
	readonly serviceSid: string;
	readonly store: StoreConfig;
	/** the Twilio Verify and Member Store credentials, as n8n would hand them to the node */
	credentials(): Record<string, ICredentialDataDecryptedObject>;
	/**
	 * Runs a member node through n8n's engine on these input items, with this set-up's service and credentials and
	 * `parameters` on top of `operation`; no resend cool-down, as the tests send several codes to one phone within
	 * seconds. Throws the error that stopped the node, else answers its outputs.
	 */
	runItems(nodeType: INodeType, operation: string, items: IDataObject[], parameters?: IDataObject): Promise<INodeExecutionData[][]>;
	/** `runItems` on one webhook-like item. */
	run(nodeType: INodeType, operation: string, item: IDataObject, parameters?: IDataObject): Promise<MemberNodeAnswer>;
}

/** Registers the set-up and clean-up hooks of the enclosing describe block. */
export function useMemberNodeBackend(backend: TestBackend, sessionSecret = NODE_SESSION_SECRET): MemberNodeBackend {
	let sandbox: Sandbox | undefined;
	let serviceSid = '';
	let store: StoreConfig | undefined;
	beforeEach(async () => {
		({ sandbox, serviceSid } = await sandboxWithService());
		store = await backend.create();
	});
	afterEach(async () => {
		await sandbox?.close();
		await closeAllStores();
	});
	afterAll(() => backend.cleanUp());
	const ready = <T>(value: T | undefined): T => {
		if (value === undefined) throw new Error('the member node set-up runs in beforeEach');
		return value;
	};
	const setup: MemberNodeBackend = {
		get sandbox() {
			return ready(sandbox);
		},
		get serviceSid() {
			return serviceSid;
		},
		get store() {
			return ready(store);
		},
		credentials() {
			const config = ready(store);
			const memberStoreApi: ICredentialDataDecryptedObject =
				config.backend === 'sqlite'
					? { backend: 'sqlite', sqlitePath: config.path, sessionSecret, sessionLifetimeHours: 24 }
					: { ...config, ssl: 'disable', sessionSecret, sessionLifetimeHours: 24 };
			return { ...verifyCredentials(ready(sandbox)), memberStoreApi };
		},
		async runItems(nodeType, operation, items, parameters = {}) {
			const result = await runNode({
				nodeType,
				parameters: { operation, serviceSid: byId(serviceSid), security: { resendCooldownSeconds: 0 }, ...parameters } as never,
				items,
				credentials: setup.credentials(),
			});
			if (result.error) throw result.error;
			return result.outputs;
		},
		async run(nodeType, operation, item, parameters) {
			const [success, failure] = (await setup.runItems(nodeType, operation, [item], parameters)).map(jsonOf);
			return { success: success ?? [], failure: failure ?? [] };
		},
	};
	return setup;
}
