import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { LIST_LIMITS } from '../../../shared/core/members';
import { type Members, readRequest, showFor, success } from '../../../shared/n8n/memberOperation';

export const option = {
	name: 'List Members',
	action: 'List members',
	description: 'Admin: members by status and text, a page at a time (Approve and Block are in Member Register)',
};

export const needs = 'store';

/** The Security options that apply to this operation. */
export const security = [] as const;

const shown = showFor(['listMembers']);

/** Read from the Webhook's query string (`?status=&q=&limit=&cursor=`) by default. */
function queryField(name: string, displayName: string, description: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		default: `={{ $json.query?.${name} ?? "" }}`,
		description,
		displayOptions: shown,
	};
}

export const description: INodeProperties[] = [
	{
		displayName:
			'Only for your own admin workflows: protect their Webhook with n8n\'s authentication (for example Header Auth), never publish it open',
		name: 'adminNotice',
		type: 'notice',
		default: '',
		displayOptions: shown,
	},
	queryField('status', 'Status', 'All (empty), active, pending_approval or blocked'),
	queryField('q', 'Search', 'Part of an email address (any case), or a phone number in E.164'),
	queryField('limit', 'Limit', `Members per page, 1 to ${LIST_LIMITS.max} (${LIST_LIMITS.default} when empty)`),
	queryField('cursor', 'Cursor', 'The nextCursor of the previous page; empty for the first page'),
];

export async function execute(this: IExecuteFunctions, members: Members, itemIndex: number): Promise<IDataObject> {
	return success(await members.admin.list(readRequest(this, itemIndex, ['status', 'q', 'limit', 'cursor'])));
}
