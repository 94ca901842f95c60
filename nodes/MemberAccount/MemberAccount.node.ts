import type { IExecuteFunctions, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { memberNodeMethods, memberNodeParts } from '../shared/n8n/memberNode';
import { operationSubtitle } from '../shared/n8n/operations';
import { operations } from './actions/account';
import { router } from './actions/router';

const { description, usingStore, usingVerify } = memberNodeParts(operations, {
	displayName: 'Member Account',
	name: 'memberAccount',
	description: 'Let members reset or change their password, change their phone with a Twilio Verify code, set up an authenticator app and recovery codes, log out everywhere and delete their account; list members',
});

export class MemberAccount implements INodeType {
	description: INodeTypeDescription = {
		...description,
		icon: { light: 'file:../../icons/member.svg', dark: 'file:../../icons/member.dark.svg' },
		subtitle: operationSubtitle(operations),
		usableAsTool: true,
		credentials: [
			{ name: 'memberStoreApi', required: true, testedBy: 'memberStoreConnectionTest', displayOptions: usingStore },
			{ name: 'twilioVerifyApi', required: true, displayOptions: usingVerify },
		],
	};

	methods = memberNodeMethods;

	async execute(this: IExecuteFunctions) {
		return await router.call(this);
	}
}
