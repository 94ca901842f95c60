import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { VerifyClient } from '../../../shared/core/verify/client';
import { showFor } from '../../../shared/n8n/displayOptions';
import { additionalFieldsField } from '../common';
import { serviceSettings, toServiceOptions } from './settings';

const displayOptions = showFor(['create'], 'service');

export const description: INodeProperties[] = [
	{
		displayName: 'Friendly Name',
		name: 'friendlyName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'Acme',
		description: 'The name shown in messages, e.g. "Your Acme verification code is..."',
		displayOptions,
	},
	additionalFieldsField(displayOptions, serviceSettings.filter((setting) => setting.name !== 'friendlyName')),
];

export async function execute(this: IExecuteFunctions, client: VerifyClient, itemIndex: number): Promise<IDataObject> {
	const friendlyName = this.getNodeParameter('friendlyName', itemIndex) as string;
	const settings = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	return await client.createService({ ...toServiceOptions(settings), friendlyName });
}
