import { approvalField, bodyField, memberOperation } from '../../../shared/n8n/memberOperation';

/** 201: the member exists and is logged in; 202: accepted, waiting for approval. */
export default memberOperation({
	option: { name: 'Complete Registration', action: 'Complete a registration', description: 'Check the code and create the member' },
	needs: 'verify', security: ['codes'], reads: ['registrationId', 'code'],
	fields: (shown) => [
		bodyField('registrationId', 'Registration ID', shown, { description: 'Returned by Send Registration Code' }),
		bodyField('code', 'Code', shown, { description: 'The code the person received' }),
		approvalField(shown),
	],
	status: (result) => ('pendingApproval' in result ? 202 : 201),
	execute: async (members, input, parameter) => await members.registration.complete(input, { approval: parameter('approval', 'auto') }),
});
