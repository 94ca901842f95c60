import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { VerifyClient } from '../../../shared/core/verify/client';
import { readVerificationTarget, verificationSidFields } from './fields';

export const description: INodeProperties[] = verificationSidFields('cancel');

export async function execute(this: IExecuteFunctions, client: VerifyClient, itemIndex: number): Promise<IDataObject> {
	const { serviceSid, verificationSid } = readVerificationTarget(this, client, itemIndex);
	return { ok: true, ...(await client.cancelVerification(serviceSid, verificationSid)) };
}
