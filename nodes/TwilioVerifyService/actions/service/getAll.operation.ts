import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { VerifyClient } from '../../../shared/core/verify/client';
import { limitFields, readLimit, show } from '../common';

export const description: INodeProperties[] = limitFields(show('service', 'getAll'));

export async function execute(this: IExecuteFunctions, client: VerifyClient, itemIndex: number): Promise<IDataObject[]> {
	return await client.listServices(readLimit(this, itemIndex));
}
