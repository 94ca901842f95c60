import type { IExecuteFunctions, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { memberNodeIO, memberNodeMethods, memberNodeParts } from '../shared/n8n/memberNode';
import { operationSubtitle } from '../shared/n8n/operations';
import { nodeBasics } from '../shared/n8n/nodeDescription';
import * as register from './actions/register';
import { router } from './actions/router';

const { usingStore, usingVerify, sharedProperties } = memberNodeParts(register.operations);

export class MemberRegister implements INodeType {
	description: INodeTypeDescription = {
		...nodeBasics({
			displayName: 'Member Register',
			name: 'memberRegister',
			description:
				'Sign members up with email, password and a phone confirmed by a Twilio Verify code; approve or block them',
		}),
		icon: { light: 'file:../../icons/member.svg', dark: 'file:../../icons/member.dark.svg' },
		subtitle: operationSubtitle(register.operations),
		usableAsTool: true,
		...memberNodeIO,
		credentials: [
			{ name: 'memberStoreApi', required: true, testedBy: 'memberStoreConnectionTest', displayOptions: usingStore },
			{ name: 'twilioVerifyApi', required: true, displayOptions: usingVerify },
		],
		properties: [...register.description, ...sharedProperties],
	};

	methods = memberNodeMethods;

	async execute(this: IExecuteFunctions) {
		return await router.call(this);
	}
}
