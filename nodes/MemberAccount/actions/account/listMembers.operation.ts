import type { INodeProperties } from 'n8n-workflow';

import { LIST_LIMITS } from '../../../shared/core/members';
import { memberOperation, type Shown } from '../../../shared/n8n/memberOperation';

/** Read from the Webhook's query string (`?status=&q=&limit=&cursor=`) by default. */
function queryField(shown: Shown, name: string, displayName: string, description: string): INodeProperties {
	return { displayName, name, type: 'string', default: `={{ $json.query?.${name} ?? "" }}`, description, displayOptions: shown };
}

export default memberOperation({
	option: { name: 'List Members', action: 'List members', description: 'Admin: members by status and text, a page at a time (Approve and Block are in Member Register)' },
	needs: 'store', security: [], reads: ['status', 'q', 'limit', 'cursor'],
	fields: (shown) => [
		{
			displayName:
				'Only for your own admin workflows: protect their Webhook with n8n\'s authentication (for example Header Auth), never publish it open',
			name: 'adminNotice',
			type: 'notice',
			default: '',
			displayOptions: shown,
		},
		queryField(shown, 'status', 'Status', 'All (empty), active, pending_approval or blocked'),
		queryField(shown, 'q', 'Search', 'Part of an email address (any case), or a phone number in E.164'),
		queryField(shown, 'limit', 'Limit', `Members per page, 1 to ${LIST_LIMITS.max} (${LIST_LIMITS.default} when empty)`),
		queryField(shown, 'cursor', 'Cursor', 'The nextCursor of the previous page; empty for the first page'),
	],
	execute: async (members, input) => await members.admin.list(input),
});
