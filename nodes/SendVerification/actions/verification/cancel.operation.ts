import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { VerifyClient } from '../../../shared/core/verify/client';
import { readVerificationTarget, verificationTargetFields } from './target';

export const option = { name: 'Cancel', action: 'Cancel a verification', description: 'Cancel a pending verification so its code no longer works' };

export const description: INodeProperties[] = verificationTargetFields('cancel');

export async function execute(this: IExecuteFunctions, client: VerifyClient, itemIndex: number): Promise<IDataObject> {
	const { serviceSid, verificationSid } = readVerificationTarget(this, client, itemIndex);
	return { ok: true, ...(await client.cancelVerification(serviceSid, verificationSid)) };
}
