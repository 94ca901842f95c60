import { NodeConnectionTypes, type IExecuteFunctions, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { securityOptions } from '../shared/n8n/memberProperties';
import { memberServiceLocator, routeMemberOperation } from '../shared/n8n/memberRouter';
import { memberStoreConnectionTest } from '../shared/n8n/memberStore';
import { verifyListSearch } from '../shared/n8n/methods';
import { bulkOptionsProperty } from '../shared/n8n/runItems';
import { TWILIO_VERIFY_CREDENTIAL } from '../shared/n8n/transport';
import * as register from './actions/register';

export class MemberRegister implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Member Register',
		name: 'memberRegister',
		icon: { light: 'file:../../icons/member.svg', dark: 'file:../../icons/member.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"]}}',
		description: 'Sign members up with email, password and a phone confirmed by a Twilio Verify code; approve or block them',
		defaults: { name: 'Member Register' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Success', 'Failure'],
		credentials: [
			{ name: 'memberStoreApi', required: true, testedBy: 'memberStoreConnectionTest' },
			{
				name: TWILIO_VERIFY_CREDENTIAL,
				required: true,
				displayOptions: { show: { operation: register.VERIFY_OPERATIONS } },
			},
		],
		properties: [
			...register.description,
			memberServiceLocator(register.VERIFY_OPERATIONS),
			securityOptions,
			bulkOptionsProperty,
		],
	};

	methods = {
		listSearch: verifyListSearch,
		credentialTest: { memberStoreConnectionTest },
	};

	async execute(this: IExecuteFunctions) {
		return await routeMemberOperation(this, register.operations, register.VERIFY_OPERATIONS);
	}
}
