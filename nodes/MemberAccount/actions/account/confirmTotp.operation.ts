import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { bodyField, type Members, readRequest, showFor, success } from '../../../shared/n8n/memberOperation';
import { tokenField } from '../../../shared/n8n/tokenField';

export const option = {
	name: 'Confirm Authenticator App',
	action: 'Confirm an authenticator app',
	description: 'Check the app\'s first code; returns ten recovery codes, shown this once',
};

export const needs = 'verify';

/** The Security options that apply to this operation. */
export const security = ['codes'] as const;

const shown = showFor(['confirmTotp']);

export const description: INodeProperties[] = [
	tokenField('confirmTotp'),
	bodyField('factorId', 'Factor ID', shown, { description: 'Returned by Set Up Authenticator App' }),
	bodyField('code', 'Code', shown, { description: 'The code the app shows now' }),
];

export async function execute(this: IExecuteFunctions, members: Members, itemIndex: number): Promise<IDataObject> {
	return success(await members.factors.confirmTotp(readRequest(this, itemIndex, ['token', 'factorId', 'code'])));
}
