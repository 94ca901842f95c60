import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { VerifyClient } from '../../../shared/core/verify/client';
import { showFor } from '../../../shared/n8n/displayOptions';
import { factorCodeFields, readFactorCode } from '../factor/fields';

export const description: INodeProperties[] = factorCodeFields(showFor(['create'], 'challenge'));

/** Checks an app code against a verified factor: status "approved" for a right code, "pending" for a wrong one. */
export async function execute(this: IExecuteFunctions, client: VerifyClient, itemIndex: number): Promise<IDataObject> {
	return await client.factors.createChallenge(...readFactorCode(this, client, itemIndex));
}
