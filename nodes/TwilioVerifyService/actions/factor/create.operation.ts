import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { VerifyClient } from '../../../shared/core/verify/client';
import { showFor } from '../../../shared/n8n/displayOptions';
import { readServiceSid, serviceField } from '../../../shared/n8n/verifyService';
import { identityField, readIdentity } from '../entity/fields';
import { toTotpConfig, totpOptionsField } from './fields';

const displayOptions = showFor(['create'], 'factor');

export const description: INodeProperties[] = [
	serviceField(displayOptions),
	identityField(displayOptions),
	{
		displayName: 'Friendly Name',
		name: 'friendlyName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Work phone',
		description: 'Shown as the account name in the authenticator app (up to 64 characters, no personal data)',
		displayOptions,
	},
	{
		displayName:
			'The output\'s "uri" (otpauth://) holds the secret: show it to the user once, as a QR code, and do not store it. Then verify the factor with a first code.',
		name: 'secretNotice',
		type: 'notice',
		default: '',
		displayOptions,
	},
	totpOptionsField(displayOptions),
];

export async function execute(this: IExecuteFunctions, client: VerifyClient, itemIndex: number): Promise<IDataObject> {
	return await client.factors.createFactor(
		readServiceSid(this, client, itemIndex),
		readIdentity(this, itemIndex),
		String(this.getNodeParameter('friendlyName', itemIndex)).trim(),
		toTotpConfig(this.getNodeParameter('totpOptions', itemIndex, {}) as IDataObject),
	);
}
