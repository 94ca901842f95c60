import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { VerifyClient } from '../../../shared/core/verify/client';
import { showFor } from '../../../shared/n8n/displayOptions';
import { readSid } from '../../../shared/n8n/parameters';
import { sidField } from '../common';

export const description: INodeProperties[] = [
	sidField('attemptSid', 'Verification Attempt SID', 'VL', showFor(['get'], 'verificationAttempt')),
];

export async function execute(this: IExecuteFunctions, client: VerifyClient, itemIndex: number): Promise<IDataObject> {
	return await client.management.getAttempt(readSid(this, 'attemptSid', itemIndex));
}
