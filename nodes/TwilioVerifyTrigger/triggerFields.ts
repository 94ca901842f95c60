/** The trigger's parameters: what it tells the builder, the Verify Service and the events it registers for. */
import type { INodeProperties } from 'n8n-workflow';

import { WEBHOOK_EVENT_TYPES } from '../shared/core/verify/types';
import { serviceField } from '../shared/n8n/verifyService';

const EVENT_NAMES: Record<(typeof WEBHOOK_EVENT_TYPES)[number], { name: string; description: string }> = {
	'*': { name: 'All Events', description: 'Every event below' },
	'challenge.approved': { name: 'Challenge Approved', description: 'A Push or TOTP challenge was approved' },
	'challenge.denied': { name: 'Challenge Denied', description: 'A Push challenge was denied by the user' },
	'factor.created': { name: 'Factor Created', description: 'A factor was created but cannot take challenges yet' },
	'factor.deleted': { name: 'Factor Deleted', description: 'A factor was removed from its entity' },
	'factor.verified': { name: 'Factor Verified', description: 'A factor was verified and can now take challenges' },
};

export const triggerProperties: INodeProperties[] = [
	{
		displayName:
			"Publishing the workflow registers a Verify webhook on the service (removed again when unpublished), and every request is checked against Twilio's signature. Twilio signs with the account's Auth Token, so the credential must authenticate with the Auth Token, not an API key. Verification events (approved, canceled, expired…) come from Verify Events: point an Event Streams webhook sink at this node's production URL to receive them here too.",
		name: 'notice',
		type: 'notice',
		default: '',
	},
	serviceField(),
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		default: ['*'],
		options: WEBHOOK_EVENT_TYPES.map((value) => ({ value, ...EVENT_NAMES[value] })),
		description: 'The Verify webhook events that start the workflow',
	},
];
