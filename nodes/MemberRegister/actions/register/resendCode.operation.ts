import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { resendRegistrationCode, type MemberFlowContext, type PhoneChannel } from '../../../shared/core/members';
import { bodyField, channelField, clientIpField } from '../../../shared/n8n/memberProperties';
import { optionalText, success } from '../../../shared/n8n/memberOutput';

const show = { operation: ['resendCode'] };

export const description: INodeProperties[] = [
	bodyField('registrationId', 'Registration ID', show, { description: 'Returned by Send Registration Code' }),
	{ ...channelField(show), default: '={{ $json.body.channel ?? "" }}', description: 'Empty keeps the channel used before; "call" switches to a voice call' },
	clientIpField(show),
];

export async function execute(this: IExecuteFunctions, context: MemberFlowContext, itemIndex: number): Promise<IDataObject> {
	const result = await resendRegistrationCode(context, {
		registrationId: this.getNodeParameter('registrationId', itemIndex) as string,
		channel: optionalText(this.getNodeParameter('channel', itemIndex, '')) as PhoneChannel | undefined,
		clientIp: optionalText(this.getNodeParameter('clientIp', itemIndex, '')),
	});
	return success(result);
}
