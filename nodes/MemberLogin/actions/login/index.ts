import type { INodeProperties } from 'n8n-workflow';

import * as complete from './complete.operation';
import * as completeOtp from './completeOtp.operation';
import * as logout from './logout.operation';
import * as sendCode from './sendCode.operation';
import * as sendOtp from './sendOtp.operation';
import * as verifySession from './verifySession.operation';

export const operations = { sendCode, complete, sendOtp, completeOtp, verifySession, logout };

/** Operations that send or check a code need Verify; the session ones only touch the store. */
export const VERIFY_OPERATIONS = ['sendCode', 'complete', 'sendOtp', 'completeOtp'];

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		default: 'sendCode',
		options: [
			{ name: 'Complete Login', value: 'complete', action: 'Complete a login', description: 'Check the code and return a session token' },
			{ name: 'Complete OTP Login', value: 'completeOtp', action: 'Complete a one time code login', description: 'Check the code; creates the member on their first login' },
			{ name: 'Log Out', value: 'logout', action: 'Log out', description: 'Revoke a session token' },
			{ name: 'Send Login Code', value: 'sendCode', action: 'Send a login code', description: 'Check email and password, then text a code to the phone on file' },
			{ name: 'Send OTP', value: 'sendOtp', action: 'Send a one time code', description: 'Passwordless: text a code to a phone' },
			{ name: 'Verify Session', value: 'verifySession', action: 'Verify a session token', description: 'Return the member a session token belongs to' },
		],
	},
	...sendCode.description,
	...complete.description,
	...sendOtp.description,
	...completeOtp.description,
	...verifySession.description,
	...logout.description,
];
