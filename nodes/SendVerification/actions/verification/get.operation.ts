import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { VerifyClient } from '../../../shared/core/verify/client';
import { readVerificationTarget, verificationTargetFields } from './target';

export const option = { name: 'Get', action: 'Get a verification', description: 'Fetch the status of a verification by its SID' };

export const description: INodeProperties[] = verificationTargetFields('get');

export async function execute(this: IExecuteFunctions, client: VerifyClient, itemIndex: number): Promise<IDataObject> {
	const { serviceSid, verificationSid } = readVerificationTarget(this, client, itemIndex);
	return { ok: true, ...(await client.fetchVerification(serviceSid, verificationSid)) };
}
