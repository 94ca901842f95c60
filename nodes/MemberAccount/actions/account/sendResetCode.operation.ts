import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { bodyField, channelField, forwardedForField, type Members, readRequest, showFor, success } from '../../../shared/n8n/memberOperation';

export const option = {
	name: 'Send Password Reset Code',
	action: 'Send a password reset code',
	description: 'Text a code to the phone on file; answers the same for an email that is no member\'s',
};

export const needs = 'verify';

/** The Security options that apply to this operation. */
export const security = ['sends'] as const;

const shown = showFor(['sendResetCode']);

export const description: INodeProperties[] = [
	bodyField('email', 'Email', shown, { placeholder: 'name@email.com' }),
	channelField(shown),
	forwardedForField(shown),
];

/** Always `{resetId}`: an unknown email gets one that no code completes, and no SMS. */
export async function execute(this: IExecuteFunctions, members: Members, itemIndex: number): Promise<IDataObject> {
	return success(await members.account.sendPasswordResetCode(readRequest(this, itemIndex, ['email', 'channel', 'forwardedFor'])));
}
