import type { IExecuteFunctions, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { memberNodeDescription, memberNodeMethods } from '../shared/n8n/memberNode';
import { operationSubtitle } from '../shared/n8n/operations';
import { operations } from './actions/register';
import { router } from './actions/router';

export class MemberRegister implements INodeType {
	description: INodeTypeDescription = {
		...memberNodeDescription(operations, {
			displayName: 'Member Register',
			name: 'memberRegister',
			description: 'Sign members up with email, password and a phone confirmed by a Twilio Verify code; approve or block them',
		}),
		icon: { light: 'file:../../icons/member.svg', dark: 'file:../../icons/member.dark.svg' },
		subtitle: operationSubtitle(operations),
		usableAsTool: true,
	};

	methods = memberNodeMethods;

	async execute(this: IExecuteFunctions) {
		return await router.call(this);
	}
}
