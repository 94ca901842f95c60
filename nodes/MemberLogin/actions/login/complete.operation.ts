import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { bodyField, type Members, readRequest, showFor, success } from '../../../shared/n8n/memberOperation';

export const option = { name: 'Complete Login', action: 'Complete a login', description: 'Check the code and return a session token' };

export const needs = 'verify';

/** The Security options that apply to this operation. */
export const security = ['codes'] as const;

const shown = showFor(['complete']);

export const description: INodeProperties[] = [
	bodyField('loginId', 'Login ID', shown, { description: 'Returned by Send Login Code' }),
	bodyField('code', 'Code', shown, { description: 'The code the member received' }),
];

export async function execute(this: IExecuteFunctions, members: Members, itemIndex: number): Promise<IDataObject> {
	return success(await members.login.complete(readRequest(this, itemIndex, ['loginId', 'code'])));
}
