import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { type Members, readRequest, success } from '../../../shared/n8n/memberOperation';
import { tokenField } from '../../../shared/n8n/tokenField';

export const option = { name: 'Verify Session', action: 'Verify a session token', description: 'Return the member a session token belongs to' };

export const needs = 'store';

/** The Security options that apply to this operation. */
export const security = [] as const;

export const description: INodeProperties[] = [tokenField('verifySession')];

/** Checks signature, expiry, revocation and that the member may still log in. */
export async function execute(this: IExecuteFunctions, members: Members, itemIndex: number): Promise<IDataObject> {
	return success(await members.sessions.verify(readRequest(this, itemIndex, ['token'])));
}
