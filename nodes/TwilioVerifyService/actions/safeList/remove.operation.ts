import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { VerifyClient } from '../../../shared/core/verify/client';
import { showFor } from '../../../shared/n8n/displayOptions';
import { readSid } from '../../../shared/n8n/parameters';
import { phoneNumberField } from './fields';

export const description: INodeProperties[] = [phoneNumberField(showFor(['remove'], 'safeList'))];

export async function execute(this: IExecuteFunctions, client: VerifyClient, itemIndex: number): Promise<IDataObject> {
	const phoneNumber = readSid(this, 'phoneNumber', itemIndex);
	await client.management.removeFromSafeList(phoneNumber);
	return { removed: true, phoneNumber };
}
