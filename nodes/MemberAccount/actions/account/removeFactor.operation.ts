import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { bodyField, forwardedForField, type Members, readRequest, showFor, success } from '../../../shared/n8n/memberOperation';
import { tokenField } from '../../../shared/n8n/tokenField';
import { optionalPasswordField } from './passwordFields';

export const option = {
	name: 'Remove Authenticator App',
	action: 'Remove an authenticator app',
	description: 'Check the password, then remove the app; trusted devices end, and recovery codes with the last app',
};

export const needs = 'verify';

/** The Security options that apply to this operation. */
export const security = ['passwords', 'codes'] as const;

const shown = showFor(['removeFactor']);

export const description: INodeProperties[] = [
	tokenField('removeFactor'),
	bodyField('factorId', 'Factor ID', shown),
	optionalPasswordField('removeFactor', 'The current password; members without one (phone-only) give a code from the app instead'),
	bodyField('code', 'App Code', shown, {
		required: false,
		default: '={{ $json.body.code ?? "" }}',
		description: 'Only for members without a password: a code from the app being removed',
	}),
	forwardedForField(shown),
];

export async function execute(this: IExecuteFunctions, members: Members, itemIndex: number): Promise<IDataObject> {
	const input = readRequest(this, itemIndex, ['token', 'factorId', 'password', 'code', 'forwardedFor']);
	return success(await members.factors.remove(input));
}
