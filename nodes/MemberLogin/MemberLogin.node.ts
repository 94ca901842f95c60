import { NodeConnectionTypes, type IExecuteFunctions, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { securityOptions } from '../shared/n8n/memberProperties';
import { memberServiceLocator, routeMemberOperation } from '../shared/n8n/memberRouter';
import { memberStoreConnectionTest } from '../shared/n8n/memberStore';
import { verifyListSearch } from '../shared/n8n/methods';
import { bulkOptionsProperty } from '../shared/n8n/runItems';
import { TWILIO_VERIFY_CREDENTIAL } from '../shared/n8n/transport';
import * as login from './actions/login';

export class MemberLogin implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Member Login',
		name: 'memberLogin',
		icon: { light: 'file:../../icons/member.svg', dark: 'file:../../icons/member.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"]}}',
		description: 'Log members in with password plus a Twilio Verify code, or passwordless with a phone code; verify and revoke session tokens',
		defaults: { name: 'Member Login' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Success', 'Failure'],
		credentials: [
			{ name: 'memberStoreApi', required: true, testedBy: 'memberStoreConnectionTest' },
			{
				name: TWILIO_VERIFY_CREDENTIAL,
				required: true,
				displayOptions: { show: { operation: login.VERIFY_OPERATIONS } },
			},
		],
		properties: [
			...login.description,
			memberServiceLocator(login.VERIFY_OPERATIONS),
			securityOptions,
			bulkOptionsProperty,
		],
	};

	methods = {
		listSearch: verifyListSearch,
		credentialTest: { memberStoreConnectionTest },
	};

	async execute(this: IExecuteFunctions) {
		return await routeMemberOperation(this, login.operations, login.VERIFY_OPERATIONS);
	}
}
