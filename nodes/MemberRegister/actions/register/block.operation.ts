import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { type Members, success } from '../../../shared/n8n/memberOperation';
import { memberSelectorFields, readMemberSelector } from './memberSelector';

export const option = { name: 'Block Member', action: 'Block a member', description: 'Refuse the member\'s logins and end their sessions' };

export const needs = 'store';

/** The Security options that apply to this operation. */
export const security = [] as const;

export const description: INodeProperties[] = memberSelectorFields('block');

/** Blocking also revokes the member's sessions. */
export async function execute(this: IExecuteFunctions, members: Members, itemIndex: number): Promise<IDataObject> {
	return success({ member: await members.admin.block(readMemberSelector(this, itemIndex)) });
}
