import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { forwardedForField, type Members, readRequest, showFor, success } from '../../../shared/n8n/memberOperation';
import { tokenField } from '../../../shared/n8n/tokenField';
import { optionalPasswordField } from './passwordFields';

export const option = {
	name: 'New Recovery Codes',
	action: 'Replace the recovery codes',
	description: 'Check the password, then replace every recovery code with ten new ones, shown this once',
};

export const needs = 'store';

/** The Security options that apply to this operation. */
export const security = ['passwords'] as const;

export const description: INodeProperties[] = [
	tokenField('newRecoveryCodes'),
	optionalPasswordField('newRecoveryCodes', 'The current password (members without one leave it empty)'),
	forwardedForField(showFor(['newRecoveryCodes'])),
];

export async function execute(this: IExecuteFunctions, members: Members, itemIndex: number): Promise<IDataObject> {
	const input = readRequest(this, itemIndex, ['token', 'password', 'forwardedFor']);
	return success(await members.factors.regenerateRecoveryCodes(input));
}
