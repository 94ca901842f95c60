import { memberOperation } from '../../../shared/n8n/memberOperation';
import { memberSelectorFields, readMemberSelector } from './memberSelector';

/** Blocking also revokes the member's sessions. */
export default memberOperation({
	option: { name: 'Block Member', action: 'Block a member', description: 'Refuse the member\'s logins and end their sessions' },
	needs: 'store', security: [],
	fields: memberSelectorFields,
	execute: async (members, _input, parameter) => ({ member: await members.admin.block(readMemberSelector(parameter)) }),
});
