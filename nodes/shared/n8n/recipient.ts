/** "Send To": a phone (with its country when national) or an email address, and its reader. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { normaliseEmail } from '../core/emails';
import { parsePhone } from '../core/phones';
import { type Show, withCondition } from './displayOptions';
import { choiceField } from './choiceField';

const recipientTypeProperty = choiceField('Send To', 'recipientType', [
	{ name: 'Phone Number', value: 'phone' },
	{ name: 'Email Address', value: 'email' },
]);

export function recipientProperties(displayOptions: { show: Show }): INodeProperties[] {
	return [
		{ ...recipientTypeProperty, displayOptions },
		{
			displayName: 'Phone Number',
			name: 'phone',
			type: 'string',
			default: '',
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

/** Normalised: E.164 for phones, lower case for emails. */
export async function readRecipient(context: IExecuteFunctions, itemIndex: number): Promise<string> {
	if (context.getNodeParameter('recipientType', itemIndex, 'phone') === 'email') {
		return normaliseEmail(context.getNodeParameter('email', itemIndex));
	}
	const phone = context.getNodeParameter('phone', itemIndex) as string;
	const country = context.getNodeParameter('country', itemIndex, '') as string;
	return (await parsePhone(phone, country || undefined)).e164;
}
