import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { sendRegistrationCode, type MemberFlowContext, type PhoneChannel } from '../../../shared/core/members';
import { bodyField, channelField, clientIpField, passwordField, phoneFields } from '../../../shared/n8n/memberProperties';
import { optionalText, success } from '../../../shared/n8n/memberOutput';

const show = { operation: ['sendCode'] };

export const description: INodeProperties[] = [
	bodyField('email', 'Email', show, { placeholder: 'name@email.com' }),
	passwordField(show),
	...phoneFields(show),
	channelField(show),
	clientIpField(show),
];

export async function execute(this: IExecuteFunctions, context: MemberFlowContext, itemIndex: number): Promise<IDataObject> {
	const parameter = (name: string) => this.getNodeParameter(name, itemIndex, '');
	const result = await sendRegistrationCode(context, {
		email: parameter('email') as string,
		password: parameter('password') as string,
		phone: parameter('phone') as string,
		country: optionalText(parameter('country')),
		channel: optionalText(parameter('channel')) as PhoneChannel | undefined,
		clientIp: optionalText(parameter('clientIp')),
	});
	return success(result);
}
