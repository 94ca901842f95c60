import type { IExecuteFunctions, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { memberNodeMethods, memberNodeParts } from '../shared/n8n/memberNode';
import { operationSubtitle } from '../shared/n8n/operations';
import { operations } from './actions/register';
import { router } from './actions/router';

const { description, usingStore, usingVerify } = memberNodeParts(operations, {
	displayName: 'Member Register',
	name: 'memberRegister',
	description: 'Sign members up with email, password and a phone confirmed by a Twilio Verify code; approve or block them',
});

export class MemberRegister implements INodeType {
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
