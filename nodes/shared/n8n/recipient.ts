/** "Send To": a phone (with its country when national) or an email address, and its reader. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { normaliseEmail } from '../core/emails';
import { parsePhone, readRecipientType } from '../core/phones';
import { type Show, withCondition } from './displayOptions';
import { choiceField } from './choiceField';
import { readParameter } from './parameters';

const recipientTypeProperty = choiceField('Send To', 'recipientType', [
	{ name: 'Phone Number', value: 'phone' },
	{ name: 'Email Address', value: 'email' },
]);

/** `label` names the recipient choice ("Send To", or "Code Was Sent To" on a check); `phoneDefault` pre-fills it. */
export function recipientProperties(
	displayOptions: { show: Show },
	{ label = 'Send To', phoneDefault = '' }: { label?: string; phoneDefault?: string } = {},
): INodeProperties[] {
	return [
		{ ...recipientTypeProperty, displayName: label, displayOptions },
		{
			displayName: 'Phone Number',
			name: 'phone',
			type: 'string',
			default: phoneDefault,
			required: true,
			placeholder: '+14155550123',
			description: 'In international format (E.164), or a national number together with its country',
			displayOptions: withCondition(displayOptions, { recipientType: ['phone'] }),
		},
		{
			displayName: 'Country',
			name: 'country',
			type: 'string',
			default: '',
			placeholder: 'US',
			description: 'ISO 3166-1 alpha-2 or alpha-3 code of the phone number\'s country, needed when the number is not in international format',
			displayOptions: withCondition(displayOptions, { recipientType: ['phone'] }),
		},
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			required: true,
			displayOptions: withCondition(displayOptions, { recipientType: ['email'] }),
		},
	];
}

/**
 * Normalised: E.164 for phones, lower case for emails. Every value is read as the request gave it (any JSON type) and
 * checked by the core, so bad input is an INVALID_PHONE / INVALID_INPUT outcome, never a crash.
 */
export async function readRecipient(context: IExecuteFunctions, itemIndex: number): Promise<string> {
	if (readRecipientType(context.getNodeParameter('recipientType', itemIndex, 'phone')) === 'email') {
		return normaliseEmail(readParameter(context, 'email', itemIndex));
	}
	const phone = readParameter(context, 'phone', itemIndex);
	return (await parsePhone(phone, readParameter(context, 'country', itemIndex))).e164;
}
