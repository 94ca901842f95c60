/** Shared set-up for node tests: a Verify sandbox on loopback and credentials pointing at it. */
import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData } from 'n8n-workflow';

import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox';

export type { Sandbox };

export async function sandboxWithService(options: SandboxOptions = {}): Promise<{ sandbox: Sandbox; serviceSid: string }> {
	const sandbox = await startSandbox({ port: 0, ...options });
	const service = sandbox.createService({ FriendlyName: 'Acme' });
	return { sandbox, serviceSid: service.sid };
}

export function verifyCredentials(sandbox: Sandbox, extra: ICredentialDataDecryptedObject = {}): {
	twilioVerifyApi: ICredentialDataDecryptedObject;
} {
	return {
		twilioVerifyApi: {
			accountSid: sandbox.accountSid,
			authType: 'authToken',
			authToken: sandbox.authToken,
			baseUrl: sandbox.url,
			...extra,
		},
	};
}

/** A resource locator value as the editor stores it. */
export function byId(value: string) {
	return { __rl: true, mode: 'id', value };
}

export function jsonOf(items: INodeExecutionData[] | undefined): IDataObject[] {
	return (items ?? []).map((item) => item.json);
}

/** Serialised output must never contain these (codes, tokens, secrets). */
export function expectNoSecrets(value: unknown, secrets: string[]) {
	const text = JSON.stringify(value);
	for (const secret of secrets) expect(text).not.toContain(secret);
}
