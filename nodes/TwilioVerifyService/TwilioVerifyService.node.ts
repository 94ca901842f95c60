import type { IExecuteFunctions, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { verifyListSearch } from '../shared/n8n/methods';
import { bulkOptionsProperty } from '../shared/n8n/runItems';
import { TWILIO_VERIFY_CREDENTIAL } from '../shared/n8n/transport';
import { nodeBasics, nodeOutputs } from '../shared/n8n/nodeDescription';
import * as bucket from './actions/bucket';
import * as rateLimit from './actions/rateLimit';
import { router } from './actions/router';
import * as service from './actions/service';

export class TwilioVerifyService implements INodeType {
	description: INodeTypeDescription = {
		...nodeBasics({
			displayName: 'Twilio Verify Service',
			name: 'twilioVerifyService',
			description:
				'Create and manage Twilio Verify Services, their rate limits and buckets',
		}),
		icon: { light: 'file:../../icons/verify.svg', dark: 'file:../../icons/verify.dark.svg' },
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
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
					{ name: 'Verify Service', value: 'service' },
					{ name: 'Rate Limit', value: 'rateLimit' },
					{ name: 'Rate Limit Bucket', value: 'bucket' },
				],
			},
			...service.description,
			...rateLimit.description,
			...bucket.description,
			bulkOptionsProperty,
		],
	};

	methods = { listSearch: verifyListSearch };

	async execute(this: IExecuteFunctions) {
		return await router.call(this);
	}
}
