import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { VerifyClient } from '../../../shared/core/verify/client';
import { showFor } from '../../../shared/n8n/displayOptions';
import { optionalText } from '../../../shared/n8n/parameters';
import { readServiceSid, serviceField } from '../../../shared/n8n/verifyService';
import { filtersField, limitFields, readLimit, textFilter } from '../common';
import { identityField, readIdentity } from '../entity/fields';

const displayOptions = showFor(['getAll'], 'challenge');

const STATUSES = ['approved', 'denied', 'expired', 'pending'] as const;
type ChallengeStatus = (typeof STATUSES)[number];

export const description: INodeProperties[] = [
	serviceField(displayOptions),
	identityField(displayOptions),
	...limitFields(displayOptions),
	filtersField(displayOptions, [
		textFilter('Factor SID', 'factorSid', 'YFxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'),
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			default: 'approved',
			options: STATUSES.map((status) => ({ name: status[0].toUpperCase() + status.slice(1), value: status })),
		},
	]),
];

export async function execute(this: IExecuteFunctions, client: VerifyClient, itemIndex: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const factorSid = optionalText(filters.factorSid);
	const status = STATUSES.find((value) => value === filters.status) as ChallengeStatus | undefined;
	return await client.factors.listChallenges(
		readServiceSid(this, client, itemIndex),
		readIdentity(this, itemIndex),
		{ ...(factorSid ? { factorSid } : {}), ...(status ? { status } : {}) },
		readLimit(this, itemIndex),
	);
}
