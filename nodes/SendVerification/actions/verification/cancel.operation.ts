import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { VerifyClient } from '../../../shared/core/verify/client';
import { resolveServiceSid } from '../../../shared/n8n/transport';
import { verificationSidFields } from './fields';

export const description: INodeProperties[] = verificationSidFields('cancel');

export async function execute(this: IExecuteFunctions, client: VerifyClient, itemIndex: number): Promise<IDataObject> {
	const serviceSid = resolveServiceSid(client, this.getNodeParameter('serviceSid', itemIndex) as string);
	const verificationSid = (this.getNodeParameter('verificationSid', itemIndex) as string).trim();
	return { ok: true, ...(await client.cancelVerification(serviceSid, verificationSid)) };
}
