/**
 * The member service for one execution of a member node: the store of the Member Store credential (one connection or
 * pool per credential, shared), Verify when the operation needs it, the Security options and the session secret.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { createMembers, openStore, POLICY_NAMES, type Members, type PolicyOverrides, type VerifySetup } from '../core/members';
import { MEMBER_STORE_CREDENTIAL, storeConfigFrom } from './memberStore';
import type { Need } from './operations';
import { verifyClientFor } from './transport';
import { readServiceSid } from './verifyService';

/** The "Security" collection of the member nodes (only the options the builder changed), as policy overrides. */
function policyFrom(options: IDataObject, sessionLifetimeHours: unknown): PolicyOverrides {
	const policy: PolicyOverrides = {};
	if (typeof options.allowedCountries === 'string') policy.allowedCountries = options.allowedCountries.split(',');
	if (Array.isArray(options.allowedChannels)) policy.allowedChannels = options.allowedChannels.map(String);
	for (const name of POLICY_NAMES) {
		const value = options[name];
		if (typeof value === 'number') policy[name] = value;
	}
	const hours = Number(sessionLifetimeHours);
	if (Number.isFinite(hours) && hours > 0) policy.sessionTtlSeconds = Math.round(hours * 3600);
	return policy;
}

async function verifySetupFor(context: IExecuteFunctions): Promise<VerifySetup> {
	const gateway = await verifyClientFor(context);
	return { gateway, serviceSid: readServiceSid(context, gateway, 0) };
}

export async function membersFor(context: IExecuteFunctions, need: Exclude<Need, 'none'>): Promise<Members> {
	const credentials = await context.getCredentials(MEMBER_STORE_CREDENTIAL);
	const security = context.getNodeParameter('security', 0, {}) as IDataObject;
	return createMembers({
		store: await openStore(storeConfigFrom(credentials)),
		sessionSecret: String(credentials.sessionSecret ?? ''),
		policy: policyFrom(security, credentials.sessionLifetimeHours),
		verify: need === 'verify' ? await verifySetupFor(context) : undefined,
	});
}
