import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { type Members, readRequest, success } from '../../../shared/n8n/memberOperation';
import { tokenField } from '../../../shared/n8n/tokenField';

export const option = {
	name: 'Log Out Everywhere',
	action: 'Log out everywhere',
	description: 'Revoke every session of the member, this one included',
};

export const needs = 'store';

/** The Security options that apply to this operation. */
export const security = [] as const;

export const description: INodeProperties[] = [tokenField('logoutAll')];

/** `ended` is how many sessions were revoked. */
export async function execute(this: IExecuteFunctions, members: Members, itemIndex: number): Promise<IDataObject> {
	return success(await members.sessions.logoutAll(readRequest(this, itemIndex, ['token'])));
}
