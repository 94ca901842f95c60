import {
	NodeConnectionTypes,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
} from 'n8n-workflow';

import { verifyListSearch } from '../shared/n8n/methods';
import { TWILIO_VERIFY_CREDENTIAL } from '../shared/n8n/transport';
import { receiveEvents } from './receiveEvents';
import { triggerProperties } from './triggerFields';
import { createEventWebhook, eventWebhookExists, removeEventWebhook } from './webhookLifecycle';

export class TwilioVerifyTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Twilio Verify Trigger',
		name: 'twilioVerifyTrigger',
		icon: { light: 'file:../../icons/verify.svg', dark: 'file:../../icons/verify.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{ ($parameter["events"] || []).includes("*") ? "All Events" : ($parameter["events"] || []).join(", ") }}',
		description: 'Starts the workflow on Twilio Verify events (factors, challenges and Verify Events)',
		defaults: { name: 'Twilio Verify Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: TWILIO_VERIFY_CREDENTIAL, required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: triggerProperties,
	};

	methods = { listSearch: verifyListSearch };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await eventWebhookExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await createEventWebhook.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await removeEventWebhook.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions) {
		return await receiveEvents.call(this);
	}
}
