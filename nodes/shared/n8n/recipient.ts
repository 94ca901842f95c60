/** Reads "Send To" (phone + country, or email) and normalises it: E.164 for phones, lower case for emails. */
import type { IExecuteFunctions } from 'n8n-workflow';

import { normaliseEmail, parsePhone } from '../core/phones';

export async function readRecipient(context: IExecuteFunctions, itemIndex: number): Promise<string> {
	if (context.getNodeParameter('recipientType', itemIndex, 'phone') === 'email') {
		return normaliseEmail(context.getNodeParameter('email', itemIndex));
	}
	const phone = context.getNodeParameter('phone', itemIndex) as string;
	const country = context.getNodeParameter('country', itemIndex, '') as string;
	return (await parsePhone(phone, country || undefined)).e164;
}
