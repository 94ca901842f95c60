import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { VerifyClient } from '../../../shared/core/verify/client';
import { showFor } from '../../../shared/n8n/displayOptions';
import { readSid } from '../../../shared/n8n/parameters';
import { readServiceSid, serviceField } from '../../../shared/n8n/verifyService';
import { identityField, readIdentity } from '../entity/fields';
import { codeField, factorSidField, readCode } from '../factor/fields';

const displayOptions = showFor(['create'], 'challenge');

export const description: INodeProperties[] = [
	serviceField(displayOptions),
	identityField(displayOptions),
	factorSidField(displayOptions),
	codeField(displayOptions),
];

/** Checks an app code against a verified factor: status "approved" for a right code, "pending" for a wrong one. */
export async function execute(this: IExecuteFunctions, client: VerifyClient, itemIndex: number): Promise<IDataObject> {
	return await client.factors.createChallenge(
		readServiceSid(this, client, itemIndex),
		readIdentity(this, itemIndex),
		readSid(this, 'factorSid', itemIndex),
		readCode(this, itemIndex),
	);
}
