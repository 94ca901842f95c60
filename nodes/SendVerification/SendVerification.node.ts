import { NodeConnectionTypes, type IExecuteFunctions, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { verifyListSearch } from '../shared/n8n/methods';
import { TWILIO_VERIFY_CREDENTIAL } from '../shared/n8n/transport';
import { bulkOptionsProperty } from '../shared/n8n/runItems';
import { router } from './actions/router';
import * as verification from './actions/verification';

export class SendVerification implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Send Verification',
		name: 'sendVerification',
		icon: { light: 'file:../../icons/verify.svg', dark: 'file:../../icons/verify.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"]}}',
		description: 'Send a one-time code with Twilio Verify by SMS, voice call, WhatsApp or email; cancel or look up a verification',
		defaults: { name: 'Send Verification' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: TWILIO_VERIFY_CREDENTIAL, required: true }],
		properties: [...verification.description, bulkOptionsProperty],
	};

	methods = { listSearch: verifyListSearch };

	async execute(this: IExecuteFunctions) {
		return await router.call(this);
	}
}
