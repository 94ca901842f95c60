/** Searchable list of Verify Services for the resource locator. */
import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { verifyClientFor } from './transport';

export async function searchVerifyServices(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const client = await verifyClientFor(this);
	const services = await client.listServices(1000);
	const needle = (filter ?? '').trim().toLowerCase();
	const results = services
		.map((service) => ({
			name: `${String(service.friendlyName)} (${String(service.sid)})`,
			value: String(service.sid),
			url: `https://console.twilio.com/us1/develop/verify/services/${String(service.sid)}`,
		}))
		.filter((result) => !needle || result.name.toLowerCase().includes(needle))
		.sort((a, b) => a.name.localeCompare(b.name));
	return { results };
}

export const verifyListSearch = { searchVerifyServices };
