/** Reads the "Twilio Verify API" credential and hands out the shared Verify client for it. */
import type { IExecuteFunctions, IHookFunctions, ILoadOptionsFunctions } from 'n8n-workflow';

import { getVerifyClient, type VerifyClient, type VerifyCredentials } from '../core/verify/client';

export const TWILIO_VERIFY_CREDENTIAL = 'twilioVerifyApi';

export async function verifyClientFor(
	context: IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions,
): Promise<VerifyClient> {
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
		allowAnyTestNumber: credentials.allowAnyTestNumber === true,
		allowTestNumbersWithTwilio: credentials.allowTestNumbersWithTwilio === true,
	};
	return await getVerifyClient(config);
}
