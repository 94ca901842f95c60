import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { VerifyClient } from '../../../shared/core/verify/client';
import { showFor } from '../../../shared/n8n/displayOptions';
import { filtersField, limitFields, readLimit } from '../common';

const displayOptions = showFor(['getAll'], 'template');

export const description: INodeProperties[] = [
	...limitFields(displayOptions),
	filtersField(displayOptions, [
		{ displayName: 'Friendly Name', name: 'friendlyName', type: 'string', default: '', description: 'Only templates with this friendly name' },
	]),
];

export async function execute(this: IExecuteFunctions, client: VerifyClient, itemIndex: number): Promise<IDataObject[]> {
	const { friendlyName } = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const name = typeof friendlyName === 'string' && friendlyName.trim() ? friendlyName.trim() : undefined;
	return await client.management.listTemplates(name, readLimit(this, itemIndex));
}
