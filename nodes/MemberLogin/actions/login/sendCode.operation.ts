import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { sendLoginCode, type MemberFlowContext, type PhoneChannel } from '../../../shared/core/members';
import { bodyField, channelField, clientIpField, passwordField } from '../../../shared/n8n/memberProperties';
import { optionalText, success } from '../../../shared/n8n/memberOutput';

const show = { operation: ['sendCode'] };

export const description: INodeProperties[] = [
	bodyField('email', 'Email', show, { placeholder: 'name@email.com' }),
	passwordField(show),
	channelField(show),
	clientIpField(show),
];

/** Unknown email and wrong password give the same INVALID_CREDENTIALS, in about the same time. */
export async function execute(this: IExecuteFunctions, context: MemberFlowContext, itemIndex: number): Promise<IDataObject> {
	const result = await sendLoginCode(context, {
		email: this.getNodeParameter('email', itemIndex) as string,
		password: this.getNodeParameter('password', itemIndex) as string,
		channel: optionalText(this.getNodeParameter('channel', itemIndex, '')) as PhoneChannel | undefined,
		clientIp: optionalText(this.getNodeParameter('clientIp', itemIndex, '')),
	});
	return success(result);
}
