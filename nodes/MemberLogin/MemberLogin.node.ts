import type { IExecuteFunctions, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { memberNodeDescription, memberNodeMethods } from '../shared/n8n/memberNode';
import { operationSubtitle } from '../shared/n8n/operations';
import { operations } from './actions/login';
import { router } from './actions/router';

export class MemberLogin implements INodeType {
	description: INodeTypeDescription = {
		...memberNodeDescription(operations, {
			displayName: 'Member Login',
			name: 'memberLogin',
			description: 'Log members in with password plus a Twilio Verify code, or passwordless with a phone code; verify and revoke session tokens',
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
