import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { VerifyClient } from '../../../shared/core/verify/client';
import { showFor } from '../../../shared/n8n/displayOptions';
import { factorCodeFields, readFactorCode } from './fields';

export const description: INodeProperties[] = factorCodeFields(showFor(['verify'], 'factor'));

/** A wrong code is no error: the factor comes back with status "unverified". */
export async function execute(this: IExecuteFunctions, client: VerifyClient, itemIndex: number): Promise<IDataObject> {
	return await client.factors.verifyFactor(...readFactorCode(this, client, itemIndex));
}
