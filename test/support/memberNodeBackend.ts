/** What a member node test needs around each test: a Verify sandbox with a service, a fresh store, the credentials. */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { closeAllStores, type StoreConfig } from '../../nodes/shared/core/members';
import type { TestBackend } from './memberBackends';
import { sandboxWithService, verifyCredentials, type Sandbox } from './nodeHelpers';

export interface MemberNodeBackend {
	readonly sandbox: Sandbox;
	readonly serviceSid: string;
	readonly store: StoreConfig;
	/** the Twilio Verify and Member Store credentials, as n8n would hand them to the node */
	credentials(): Record<string, ICredentialDataDecryptedObject>;
}

/** Registers the set-up and clean-up hooks of the enclosing describe block. */
export function useMemberNodeBackend(backend: TestBackend, sessionSecret: string): MemberNodeBackend {
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
	return {
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
	};
}
