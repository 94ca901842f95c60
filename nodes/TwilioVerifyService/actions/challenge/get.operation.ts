import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { VerifyClient } from '../../../shared/core/verify/client';
import { showFor } from '../../../shared/n8n/displayOptions';
import { readSid } from '../../../shared/n8n/parameters';
import { readServiceSid, serviceField } from '../../../shared/n8n/verifyService';
import { sidField } from '../common';
import { identityField, readIdentity } from '../entity/fields';

const displayOptions = showFor(['get'], 'challenge');

export const description: INodeProperties[] = [
	serviceField(displayOptions),
	identityField(displayOptions),
	sidField('challengeSid', 'Challenge SID', 'YC', displayOptions),
];

export async function execute(this: IExecuteFunctions, client: VerifyClient, itemIndex: number): Promise<IDataObject> {
	return await client.factors.getChallenge(
		readServiceSid(this, client, itemIndex),
		readIdentity(this, itemIndex),
		readSid(this, 'challengeSid', itemIndex),
	);
}
