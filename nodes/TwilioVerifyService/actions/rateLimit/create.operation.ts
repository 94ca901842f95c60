import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { VerifyClient } from '../../../shared/core/verify/client';
import { readServiceSid, serviceField } from '../../../shared/n8n/verifyService';
import { showFor } from '../../../shared/n8n/displayOptions';

const displayOptions = showFor(['create'], 'rateLimit');

export const description: INodeProperties[] = [
	serviceField(displayOptions),
	{
		displayName: 'Unique Name',
		name: 'uniqueName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'end_user_ip_address',
		description: 'The key your Send Verification nodes give a value for, e.g. the caller\'s IP address',
		displayOptions,
	},
	{
		displayName: 'Description',
		name: 'rateLimitDescription',
		type: 'string',
		default: '',
		displayOptions,
	},
];

export async function execute(this: IExecuteFunctions, client: VerifyClient, itemIndex: number): Promise<IDataObject> {
	const serviceSid = readServiceSid(this, client, itemIndex);
	const uniqueName = String(this.getNodeParameter('uniqueName', itemIndex)).trim();
	const description = (this.getNodeParameter('rateLimitDescription', itemIndex, '') as string) || undefined;
	return await client.createRateLimit(serviceSid, { uniqueName, description });
}
