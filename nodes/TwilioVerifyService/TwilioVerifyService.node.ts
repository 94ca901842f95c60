import type { IExecuteFunctions, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { verifyListSearch } from '../shared/n8n/methods';
import { bulkOptionsProperty } from '../shared/n8n/runItems';
import { TWILIO_VERIFY_CREDENTIAL } from '../shared/n8n/transport';
import { nodeBasics, nodeOutputs } from '../shared/n8n/nodeDescription';
import * as bucket from './actions/bucket';
import * as challenge from './actions/challenge';
import * as entity from './actions/entity';
import * as factor from './actions/factor';
import * as messagingConfiguration from './actions/messagingConfiguration';
import * as rateLimit from './actions/rateLimit';
import { router } from './actions/router';
import * as safeList from './actions/safeList';
import * as service from './actions/service';
import * as template from './actions/template';
import * as verificationAttempt from './actions/verificationAttempt';
import * as webhook from './actions/webhook';

export class TwilioVerifyService implements INodeType {
	description: INodeTypeDescription = {
		...nodeBasics({
			displayName: 'Twilio Verify Service',
			name: 'twilioVerifyService',
			description:
				'Manage Twilio Verify Services, rate limits, webhooks, messaging configurations, the Safe List, attempts, templates, and authenticator apps (TOTP entities, factors, challenges)',
		}),
		icon: { light: 'file:../../icons/verify.svg', dark: 'file:../../icons/verify.dark.svg' },
		subtitle:
			'={{ ({ create: "Create", delete: "Delete", get: "Get", getAll: "Get Many", update: "Update", add: "Add", remove: "Remove", getSummary: "Get Summary", verify: "Verify" }[$parameter["operation"]] ?? $parameter["operation"]) + " " + ({ service: "Verify Service", rateLimit: "Rate Limit", bucket: "Rate Limit Bucket", safeList: "Safe List Number", verificationAttempt: "Verification Attempt", webhook: "Webhook", messagingConfiguration: "Messaging Configuration", template: "Template", entity: "Entity", factor: "Factor", challenge: "Challenge" }[$parameter["resource"]] ?? $parameter["resource"]) }}',
		usableAsTool: true,
		...nodeOutputs(),
		credentials: [{ name: TWILIO_VERIFY_CREDENTIAL, required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				default: 'service',
				options: [
					{ name: 'Challenge', value: 'challenge', description: 'A check of an authenticator app code' },
					{ name: 'Entity', value: 'entity', description: 'A user of authenticator apps' },
					{ name: 'Factor', value: 'factor', description: "An entity's authenticator app (TOTP)" },
					{ name: 'Messaging Configuration', value: 'messagingConfiguration' },
					{ name: 'Rate Limit', value: 'rateLimit' },
					{ name: 'Rate Limit Bucket', value: 'bucket' },
					{ name: 'Safe List Number', value: 'safeList' },
					{ name: 'Template', value: 'template' },
					{ name: 'Verification Attempt', value: 'verificationAttempt' },
					{ name: 'Verify Service', value: 'service' },
					{ name: 'Webhook', value: 'webhook' },
				],
			},
			...service.description,
			...rateLimit.description,
			...bucket.description,
			...safeList.description,
			...verificationAttempt.description,
			...webhook.description,
			...messagingConfiguration.description,
			...template.description,
			...entity.description,
			...factor.description,
			...challenge.description,
			bulkOptionsProperty,
		],
	};

	methods = { listSearch: verifyListSearch };

	async execute(this: IExecuteFunctions) {
		return await router.call(this);
	}
}
