import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { VerifyClient } from '../../../shared/core/verify/client';
import { readServiceSid, serviceField } from '../../../shared/n8n/verifyService';
import { showFor } from '../../../shared/n8n/displayOptions';
import { readSid } from '../../../shared/n8n/parameters';
import { sidField } from '../common';

const displayOptions = showFor(['update'], 'rateLimit');

export const description: INodeProperties[] = [
	serviceField(displayOptions),
	sidField('rateLimitSid', 'Rate Limit SID', 'RK', displayOptions),
	{
		displayName: 'Description',
		name: 'rateLimitDescription',
		type: 'string',
		default: '',
		required: true,
		displayOptions,
	},
];

export async function execute(this: IExecuteFunctions, client: VerifyClient, itemIndex: number): Promise<IDataObject> {
	const serviceSid = readServiceSid(this, client, itemIndex);
	const description = this.getNodeParameter('rateLimitDescription', itemIndex) as string;
	return await client.updateRateLimit(serviceSid, readSid(this, 'rateLimitSid', itemIndex), { description });
}
