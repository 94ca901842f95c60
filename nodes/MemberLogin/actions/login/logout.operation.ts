import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { type Members, readRequest, success } from '../../../shared/n8n/memberOperation';
import { tokenField } from '../../../shared/n8n/tokenField';

export const option = { name: 'Log Out', action: 'Log out', description: 'Revoke a session token' };

export const needs = 'store';

/** The Security options that apply to this operation. */
export const security = [] as const;

export const description: INodeProperties[] = [tokenField('logout')];

export async function execute(this: IExecuteFunctions, members: Members, itemIndex: number): Promise<IDataObject> {
	return success(await members.sessions.logout(readRequest(this, itemIndex, ['token'])));
}
