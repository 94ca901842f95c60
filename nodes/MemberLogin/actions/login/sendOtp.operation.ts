import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { sendOtp, type MemberFlowContext, type PhoneChannel } from '../../../shared/core/members';
import { channelField, clientIpField, phoneFields } from '../../../shared/n8n/memberProperties';
import { optionalText, success } from '../../../shared/n8n/memberOutput';

const show = { operation: ['sendOtp'] };

export const description: INodeProperties[] = [...phoneFields(show), channelField(show), clientIpField(show)];

export async function execute(this: IExecuteFunctions, context: MemberFlowContext, itemIndex: number): Promise<IDataObject> {
	const result = await sendOtp(context, {
		phone: this.getNodeParameter('phone', itemIndex) as string,
		country: optionalText(this.getNodeParameter('country', itemIndex, '')),
		channel: optionalText(this.getNodeParameter('channel', itemIndex, '')) as PhoneChannel | undefined,
		clientIp: optionalText(this.getNodeParameter('clientIp', itemIndex, '')),
	});
	return success(result);
}
