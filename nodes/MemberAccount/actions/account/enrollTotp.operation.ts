import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { type Members, readRequest, success } from '../../../shared/n8n/memberOperation';
import { tokenField } from '../../../shared/n8n/tokenField';

export const option = {
	name: 'Set Up Authenticator App',
	action: 'Set up an authenticator app',
	description: 'Start an authenticator app (TOTP through Twilio Verify): returns its otpauth:// link and a QR code',
};

export const needs = 'verify';

/** The Security options that apply to this operation. */
export const security = [] as const;

export const description: INodeProperties[] = [
	{
		displayName:
			'The answer holds the app\'s secret (inside the otpauth:// link and the QR code) for the member to scan once. Keep this workflow\'s execution data off, like the samples do.',
		name: 'enrollTotpNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { operation: ['enrollTotp'] } },
	},
	tokenField('enrollTotp'),
];

/** 201: a factor was created, unconfirmed until Confirm Authenticator App. */
export async function execute(this: IExecuteFunctions, members: Members, itemIndex: number): Promise<IDataObject> {
	return success(await members.factors.enrollTotp(readRequest(this, itemIndex, ['token'])), 201);
}
