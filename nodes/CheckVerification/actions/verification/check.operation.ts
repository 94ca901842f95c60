import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readCode } from '../../../shared/core/codes';
import type { OutcomeError } from '../../../shared/core/errors';
import { maskRecipient } from '../../../shared/core/phones';
import type { VerifyClient } from '../../../shared/core/verify/client';
import type { CheckTarget } from '../../../shared/core/verify/types';
import { readRecipient, recipientProperties } from '../../../shared/n8n/recipient';
import { readParameter } from '../../../shared/n8n/parameters';
import type { ItemResult } from '../../../shared/n8n/runItems';
import { readVerificationSid, verificationSidField } from '../../../shared/n8n/verification';
import { readServiceSid, serviceField } from '../../../shared/n8n/verifyService';
import { choiceField } from '../../../shared/n8n/choiceField';

export const APPROVED_OUTPUT = 0;
export const NOT_APPROVED_OUTPUT = 1;

export const description: INodeProperties[] = [
	serviceField(),
	choiceField('Check By', 'checkBy', [
		{ name: 'Recipient', value: 'recipient', description: 'The phone number or email address the code was sent to' },
		{ name: 'Verification SID', value: 'verificationSid', description: 'The SID returned when the code was sent' },
	]),
	...recipientProperties(
		{ show: { checkBy: ['recipient'] } },
		// After a Send Verification node, the number it sent to.
		{ label: 'Code Was Sent To', phoneDefault: '={{ $json.to ?? "" }}' },
	),
	verificationSidField({ show: { checkBy: ['verificationSid'] } }),
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
		return { verificationSid: readVerificationSid(context, itemIndex) };
	}
	return { to: await readRecipient(context, itemIndex) };
}

export async function execute(this: IExecuteFunctions, client: VerifyClient, itemIndex: number): Promise<ItemResult> {
	const serviceSid = readServiceSid(this, client, itemIndex);
	// An invalid phone or a malformed code throws an OutcomeError, which runItems routes to "Not Approved".
	const target = await readTarget(this, itemIndex);
	const code = readCode(readParameter(this, 'code', itemIndex), 'INVALID_CODE');
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
