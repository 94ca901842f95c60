import type { IExecuteFunctions, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { verifyListSearch } from '../shared/n8n/methods';
import { TWILIO_VERIFY_CREDENTIAL } from '../shared/n8n/transport';
import { bulkOptionsProperty } from '../shared/n8n/runItems';
import { nodeBasics, nodeOutputs } from '../shared/n8n/nodeDescription';
import { router } from './actions/router';
import * as check from './actions/verification/check.operation';

export class CheckVerification implements INodeType {
	description: INodeTypeDescription = {
		...nodeBasics({
			displayName: 'Check Verification',
			name: 'checkVerification',
			description:
				'Check a code sent with Twilio Verify; approved codes go to the first output, everything else to the second with the reason',
		}),
		icon: { light: 'file:../../icons/verify.svg', dark: 'file:../../icons/verify.dark.svg' },
		subtitle: '={{$parameter["checkBy"] === "verificationSid" ? "by verification SID" : "by recipient"}}',
		usableAsTool: true,
		...nodeOutputs(['Approved', 'Not Approved']),
		credentials: [{ name: TWILIO_VERIFY_CREDENTIAL, required: true }],
		properties: [...check.description, bulkOptionsProperty],
	};

	methods = { listSearch: verifyListSearch };

	async execute(this: IExecuteFunctions) {
		return await router.call(this);
	}
}
