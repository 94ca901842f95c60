import { memberOperation } from '../../../shared/n8n/memberOperation';
import { memberSelectorFields, readMemberSelector } from './memberSelector';

export default memberOperation({
	option: { name: 'Approve Member', action: 'Approve a member', description: 'Let a member who waits for approval log in' },
	needs: 'store', security: [],
	fields: memberSelectorFields,
	execute: async (members, _input, parameter) => ({ member: await members.admin.approve(readMemberSelector(parameter)) }),
});
