import type { IExecuteFunctions, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { verifyListSearch } from '../shared/n8n/methods';
import { TWILIO_VERIFY_CREDENTIAL } from '../shared/n8n/transport';
import { bulkOptionsProperty } from '../shared/n8n/runItems';
import { operationSubtitle } from '../shared/n8n/operations';
import { nodeBasics, nodeOutputs } from '../shared/n8n/nodeDescription';
import { router } from './actions/router';
import * as verification from './actions/verification';

export class SendVerification implements INodeType {
	description: INodeTypeDescription = {
		...nodeBasics({
			displayName: 'Send Verification',
			name: 'sendVerification',
			description:
				'Send a one-time code with Twilio Verify by SMS, voice call, WhatsApp or email; cancel or look up a verification',
			group: 'output',
		}),
		icon: { light: 'file:../../icons/verify.svg', dark: 'file:../../icons/verify.dark.svg' },
		subtitle: operationSubtitle(verification.operations),
		usableAsTool: true,
		...nodeOutputs(),
		credentials: [{ name: TWILIO_VERIFY_CREDENTIAL, required: true }],
		properties: [...verification.description, bulkOptionsProperty],
	};

	methods = { listSearch: verifyListSearch };

	async execute(this: IExecuteFunctions) {
		return await router.call(this);
	}
}
