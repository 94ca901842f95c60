/** Reads the "Twilio Verify API" credential and hands out the shared Verify client for it. */
import type { IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';

import { ConfigurationError } from '../core/errors';
import { getVerifyClient, isSid, type VerifyClient, type VerifyCredentials } from '../core/verify/client';

export const TWILIO_VERIFY_CREDENTIAL = 'twilioVerifyApi';

export async function verifyClientFor(context: IExecuteFunctions | ILoadOptionsFunctions): Promise<VerifyClient> {
	const credentials = await context.getCredentials(TWILIO_VERIFY_CREDENTIAL);
	const config: VerifyCredentials = {
		accountSid: String(credentials.accountSid ?? ''),
		authType: credentials.authType === 'apiKey' ? 'apiKey' : 'authToken',
		authToken: credentials.authToken as string | undefined,
		apiKeySid: credentials.apiKeySid as string | undefined,
		apiKeySecret: credentials.apiKeySecret as string | undefined,
		baseUrl: credentials.baseUrl as string | undefined,
		defaultServiceSid: credentials.defaultServiceSid as string | undefined,
		testNumbers: credentials.enableTestNumbers === true ? (credentials.testNumbers as string | undefined) : undefined,
	};
	return await getVerifyClient(config);
}

/** The Verify Service chosen in the node's "Verify Service" parameter, or the credential's default one. */
export function readServiceSid(context: IExecuteFunctions, client: VerifyClient, itemIndex: number): string {
	const chosen = String(context.getNodeParameter('serviceSid', itemIndex, '', { extractValue: true }) ?? '').trim();
	const serviceSid = chosen || client.defaultServiceSid;
	if (!serviceSid) {
		throw new ConfigurationError('MISSING_SERVICE_SID', 'No Verify Service chosen', {
			description: 'Pick a Verify Service in the node, or set a default Verify Service SID in the credential.',
		});
	}
	if (!isSid(serviceSid, 'VA')) {
		throw new ConfigurationError('INVALID_SERVICE_SID', `"${serviceSid}" is not a Verify Service SID (VA followed by 32 hex digits)`);
	}
	return serviceSid;
}
