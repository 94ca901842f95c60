import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { listCountries } from '../../../shared/core/phones';
import { success } from '../../../shared/n8n/memberOutput';

export const option = { name: 'List Countries', action: 'List countries', description: 'Countries with dial codes for a phone-country dropdown' };

export const needs = 'none';

/** The Security options that apply to this operation. */
export const security = [] as const;

export const description: INodeProperties[] = [];

/** One item holding every country, ready to answer a frontend's phone-country dropdown. */
export async function execute(): Promise<IDataObject> {
	return success({ countries: await listCountries() });
}
