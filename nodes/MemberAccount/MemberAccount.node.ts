import type { IExecuteFunctions, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { memberNodeIO, memberNodeMethods, memberNodeParts } from '../shared/n8n/memberNode';
import { operationSubtitle } from '../shared/n8n/operations';
import { nodeBasics } from '../shared/n8n/nodeDescription';
import * as account from './actions/account';
import { router } from './actions/router';

const { usingStore, usingVerify, sharedProperties } = memberNodeParts(account.operations);

export class MemberAccount implements INodeType {
	description: INodeTypeDescription = {
		...nodeBasics({
			displayName: 'Member Account',
			name: 'memberAccount',
			description:
				'Let members reset or change their password, change their phone with a Twilio Verify code, set up an authenticator app and recovery codes, log out everywhere and delete their account; list members',
		}),
		icon: { light: 'file:../../icons/member.svg', dark: 'file:../../icons/member.dark.svg' },
		subtitle: operationSubtitle(account.operations),
		usableAsTool: true,
		...memberNodeIO,
		credentials: [
			{ name: 'memberStoreApi', required: true, testedBy: 'memberStoreConnectionTest', displayOptions: usingStore },
			{ name: 'twilioVerifyApi', required: true, displayOptions: usingVerify },
		],
		properties: [...account.description, ...sharedProperties],
	};

	methods = memberNodeMethods;

	async execute(this: IExecuteFunctions) {
		return await router.call(this);
	}
}
