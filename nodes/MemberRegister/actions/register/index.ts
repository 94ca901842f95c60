import type { INodeProperties } from 'n8n-workflow';

import * as approve from './approve.operation';
import * as block from './block.operation';
import * as complete from './complete.operation';
import * as listCountries from './listCountries.operation';
import * as purgeExpired from './purgeExpired.operation';
import * as resendCode from './resendCode.operation';
import * as sendCode from './sendCode.operation';

export const operations = { sendCode, resendCode, complete, approve, block, listCountries, purgeExpired };

/** Operations that send or check a code need Verify; the others only touch the store. */
export const VERIFY_OPERATIONS = ['sendCode', 'resendCode', 'complete'];

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		default: 'sendCode',
		options: [
			{ name: 'Approve Member', value: 'approve', action: 'Approve a member', description: 'Let a member who waits for approval log in' },
			{ name: 'Block Member', value: 'block', action: 'Block a member', description: 'Refuse the member\'s logins and end their sessions' },
			{ name: 'Complete Registration', value: 'complete', action: 'Complete a registration', description: 'Check the code and create the member' },
			{ name: 'Delete Expired Data', value: 'purgeExpired', action: 'Delete expired data', description: 'Remove ended codes\' challenges, sessions and idle rate-limit counters' },
			{ name: 'List Countries', value: 'listCountries', action: 'List countries', description: 'Countries with dial codes for a phone-country dropdown' },
			{ name: 'Resend Code', value: 'resendCode', action: 'Resend the registration code', description: 'Send the code again, optionally by voice call' },
			{ name: 'Send Registration Code', value: 'sendCode', action: 'Send a registration code', description: 'Check email, password and phone, then text a code to the phone' },
		],
	},
	...sendCode.description,
	...resendCode.description,
	...complete.description,
	...approve.description,
	...block.description,
	...listCountries.description,
	...purgeExpired.description,
];
