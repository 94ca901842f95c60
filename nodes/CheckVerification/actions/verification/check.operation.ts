import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { OutcomeError } from '../../../shared/core/errors';
import { maskRecipient } from '../../../shared/core/phones';
import type { VerifyClient } from '../../../shared/core/verify/client';
import type { CheckTarget } from '../../../shared/core/verify/types';
import { recipientProperties, serviceLocator } from '../../../shared/n8n/properties';
import { readRecipient } from '../../../shared/n8n/recipient';
import type { ItemResult } from '../../../shared/n8n/runItems';
import { readServiceSid } from '../../../shared/n8n/transport';

export const APPROVED_OUTPUT = 0;
export const NOT_APPROVED_OUTPUT = 1;

const MAX_CODE_LENGTH = 20;

export const description: INodeProperties[] = [
	serviceLocator,
	{
		displayName: 'Check By',
		name: 'checkBy',
		type: 'options',
		default: 'recipient',
		options: [
			{ name: 'Phone Number or Email', value: 'recipient', description: 'The recipient the code was sent to' },
			{ name: 'Verification SID', value: 'verificationSid', description: 'The SID returned when the code was sent' },
		],
	},
	...recipientProperties({ checkBy: ['recipient'] }),
	{
		displayName: 'Verification SID',
		name: 'verificationSid',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'VExxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
		displayOptions: { show: { checkBy: ['verificationSid'] } },
	},
	{
		displayName: 'Code',
		name: 'code',
		type: 'string',
		default: '',
		required: true,
		placeholder: '123456',
		description: 'The code the person received and typed in',
	},
];

async function readTarget(context: IExecuteFunctions, itemIndex: number): Promise<CheckTarget> {
	if (context.getNodeParameter('checkBy', itemIndex) === 'verificationSid') {
		return { verificationSid: (context.getNodeParameter('verificationSid', itemIndex) as string).trim() };
	}
	return { to: await readRecipient(context, itemIndex) };
}

function readCode(context: IExecuteFunctions, itemIndex: number): string {
	const code = String(context.getNodeParameter('code', itemIndex) ?? '').trim();
	if (!/^[0-9A-Za-z]+$/.test(code) || code.length > MAX_CODE_LENGTH) {
		throw new OutcomeError('INVALID_CODE', 'The code is not correct.');
	}
	return code;
}

export async function execute(this: IExecuteFunctions, client: VerifyClient, itemIndex: number): Promise<ItemResult> {
	const serviceSid = readServiceSid(this, client, itemIndex);
	// An invalid phone or a malformed code throws an OutcomeError, which runItems routes to "Not Approved".
	const target = await readTarget(this, itemIndex);
	const code = readCode(this, itemIndex);
	const result = await client.check({ serviceSid, code, ...target });
	const verification: IDataObject = { ...(result.verification ?? {}) };
	if (typeof verification.to === 'string') verification.toMasked = maskRecipient(verification.to);
	if (result.approved) {
		return { output: APPROVED_OUTPUT, json: { ok: true, approved: true, ...verification } };
	}
	return notApproved(result.reason, verification);
}

function notApproved(reason: OutcomeError, verification: IDataObject): ItemResult {
	return {
		output: NOT_APPROVED_OUTPUT,
		json: { ok: false, approved: false, ...verification, error: reason.toJSON() as unknown as IDataObject },
	};
}
