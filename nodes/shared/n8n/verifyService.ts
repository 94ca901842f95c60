/** The "Verify Service" parameter: picked from a list, typed as a SID, or left empty for the credential's default. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ConfigurationError } from '../core/errors';
import { isSid, type VerifyClient } from '../core/verify/client';
import type { Show } from './displayOptions';

const serviceLocator: INodeProperties = {
	displayName: 'Verify Service',
	name: 'serviceSid',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	description: "The Verify Service to use. Leave empty to use the credential's default Verify Service SID.",
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: "Empty: the credential's default service",
			typeOptions: { searchListMethod: 'searchVerifyServices', searchable: true },
		},
		{
			displayName: 'By SID',
			name: 'id',
			type: 'string',
			placeholder: 'VAxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
			// Checked when the node runs (readServiceSid), not by an editor regex: n8n runs parameter regexes under a time
			// limit, and on a busy machine that check itself failed executions.
		},
	],
};

/** The Verify Service picker, shown always or only where `displayOptions` say. */
export function serviceField(displayOptions?: { show: Show }): INodeProperties {
	return displayOptions ? { ...serviceLocator, displayOptions } : serviceLocator;
}

/** The Verify Service chosen in the node, or the credential's default one. */
export function readServiceSid(context: IExecuteFunctions, client: VerifyClient, itemIndex: number): string {
	const chosen = String(context.getNodeParameter('serviceSid', itemIndex, '', { extractValue: true }) ?? '').trim();
	const serviceSid = chosen || client.defaultServiceSid;
	if (!serviceSid) {
		throw new ConfigurationError('MISSING_SERVICE_SID', 'No Verify Service chosen', {
			description: 'Pick a Verify Service in the node, or set a default Verify Service SID in the credential.',
		});
	}
	if (!isSid(serviceSid, 'VA')) {
		throw new ConfigurationError('INVALID_SERVICE_SID', `"${serviceSid}" is not a Verify Service SID (VA followed by 32 hex digits)`);
	}
	return serviceSid;
}
