import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { VerifyClient } from '../../../shared/core/verify/client';
import { serviceLocator } from '../../../shared/n8n/properties';
import { readServiceSid } from '../../../shared/n8n/transport';

/** Verify Service + Verification SID, for the operations that act on one existing verification. */
export function verificationSidFields(operation: string): INodeProperties[] {
	const show = { operation: [operation] };
	return [
		{ ...serviceLocator, displayOptions: { show } },
		{
			displayName: 'Verification SID',
			name: 'verificationSid',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'VExxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
			description: 'The SID returned when the code was sent',
			displayOptions: { show },
		},
	];
}

export function readVerificationTarget(context: IExecuteFunctions, client: VerifyClient, itemIndex: number) {
	return {
		serviceSid: readServiceSid(context, client, itemIndex),
		verificationSid: String(context.getNodeParameter('verificationSid', itemIndex)).trim(),
	};
}
