import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { bodyField, type Members, readRequest, showFor, success } from '../../../shared/n8n/memberOperation';
import { tokenField } from '../../../shared/n8n/tokenField';

export const option = {
	name: 'Change Phone',
	action: 'Change a phone number',
	description: 'Check the code sent to the new phone, switch to it and end the member\'s other sessions',
};

export const needs = 'verify';

/** The Security options that apply to this operation. */
export const security = ['codes'] as const;

const shown = showFor(['changePhone']);

export const description: INodeProperties[] = [
	tokenField('changePhone'),
	bodyField('changeId', 'Change ID', shown, { description: 'Returned by Send Phone Change Code' }),
	bodyField('code', 'Code', shown, { description: 'The code the new phone received' }),
];

export async function execute(this: IExecuteFunctions, members: Members, itemIndex: number): Promise<IDataObject> {
	return success(await members.account.changePhone(readRequest(this, itemIndex, ['token', 'changeId', 'code'])));
}
