import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import type { VerifyClient } from '../../../shared/core/verify/client';
import { readServiceSid, serviceField } from '../../../shared/n8n/verifyService';
import { showFor } from '../../../shared/n8n/displayOptions';
import { serviceSettings, toServiceOptions } from './settings';

const displayOptions = showFor(['update'], 'service');

export const description: INodeProperties[] = [
	serviceField(displayOptions),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions,
		options: serviceSettings,
	},
];

export async function execute(this: IExecuteFunctions, client: VerifyClient, itemIndex: number): Promise<IDataObject> {
	const serviceSid = readServiceSid(this, client, itemIndex);
	const options = toServiceOptions(this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject);
	if (Object.keys(options).length === 0) {
		throw new NodeOperationError(this.getNode(), 'Add at least one field to update', { itemIndex });
	}
	return await client.updateService(serviceSid, options);
}
