import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { VerifyClient } from '../../../shared/core/verify/client';
import { readServiceSid, serviceField } from '../../../shared/n8n/verifyService';
import { showFor } from '../../../shared/n8n/displayOptions';
import { readUpdateFields, updateFieldsField } from '../common';
import { serviceSettings, toServiceOptions } from './settings';

const displayOptions = showFor(['update'], 'service');

export const description: INodeProperties[] = [serviceField(displayOptions), updateFieldsField(displayOptions, serviceSettings)];

export async function execute(this: IExecuteFunctions, client: VerifyClient, itemIndex: number): Promise<IDataObject> {
	const serviceSid = readServiceSid(this, client, itemIndex);
	return await client.updateService(serviceSid, readUpdateFields(this, itemIndex, toServiceOptions));
}
