import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { type Members, success } from '../../../shared/n8n/memberOperation';
import { memberSelectorFields, readMemberSelector } from './memberSelector';

export const option = { name: 'Approve Member', action: 'Approve a member', description: 'Let a member who waits for approval log in' };

export const needs = 'store';

/** The Security options that apply to this operation. */
export const security = [] as const;

export const description: INodeProperties[] = memberSelectorFields('approve');

export async function execute(this: IExecuteFunctions, members: Members, itemIndex: number): Promise<IDataObject> {
	return success({ member: await members.admin.approve(readMemberSelector(this, itemIndex)) });
}
