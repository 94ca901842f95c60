import type { IExecuteFunctions, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { memberNodeIO, memberNodeMethods, memberNodeParts } from '../shared/n8n/memberNode';
import { operationSubtitle } from '../shared/n8n/operations';
import { nodeBasics } from '../shared/n8n/nodeDescription';
import * as login from './actions/login';
import { router } from './actions/router';

const { usingStore, usingVerify, sharedProperties } = memberNodeParts(login.operations);

export class MemberLogin implements INodeType {
	description: INodeTypeDescription = {
		...nodeBasics({
			displayName: 'Member Login',
			name: 'memberLogin',
			description:
				'Log members in with password plus a Twilio Verify code, or passwordless with a phone code; verify and revoke session tokens',
		}),
		icon: { light: 'file:../../icons/member.svg', dark: 'file:../../icons/member.dark.svg' },
		subtitle: operationSubtitle(login.operations),
		usableAsTool: true,
		...memberNodeIO,
		credentials: [
			{ name: 'memberStoreApi', required: true, testedBy: 'memberStoreConnectionTest', displayOptions: usingStore },
			{ name: 'twilioVerifyApi', required: true, displayOptions: usingVerify },
		],
		properties: [...login.description, ...sharedProperties],
	};

	methods = memberNodeMethods;

	async execute(this: IExecuteFunctions) {
		return await router.call(this);
	}
}
