import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { VerifyClient } from '../../../shared/core/verify/client';
import { showFor } from '../../../shared/n8n/displayOptions';
import { limitFields, readLimit } from '../common';

export const description: INodeProperties[] = limitFields(showFor(['getAll'], 'service'));

export async function execute(this: IExecuteFunctions, client: VerifyClient, itemIndex: number): Promise<IDataObject[]> {
	return await client.listServices(readLimit(this, itemIndex));
}
