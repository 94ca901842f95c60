import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { TotpFactorConfig } from '../../../shared/core/verify/factors';
import type { VerifyClient } from '../../../shared/core/verify/client';
import { choiceField } from '../../../shared/n8n/choiceField';
import type { Show } from '../../../shared/n8n/displayOptions';
import { readSid } from '../../../shared/n8n/parameters';
import { readServiceSid, serviceField } from '../../../shared/n8n/verifyService';
import { sidField } from '../common';
import { identityField, readIdentity } from '../entity/fields';

export function factorSidField(displayOptions: { show: Show }): INodeProperties {
	return sidField('factorSid', 'Factor SID', 'YF', displayOptions);
}

/** The code the user's authenticator app shows now. */
export function codeField(displayOptions: { show: Show }): INodeProperties {
	return {
		displayName: 'Code',
		name: 'code',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 123456',
		description: 'The code the authenticator app shows now. It is sent to Twilio and never appears in the output.',
		displayOptions,
	};
}

export function readCode(context: IExecuteFunctions, itemIndex: number): string {
	const value: unknown = context.getNodeParameter('code', itemIndex, '');
	return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
}

/** What an operation that answers a factor with an app code asks for: the service, the entity, the factor, the code. */
export function factorCodeFields(displayOptions: { show: Show }): INodeProperties[] {
	return [serviceField(displayOptions), identityField(displayOptions), factorSidField(displayOptions), codeField(displayOptions)];
}

/** The values of `factorCodeFields`, in the order the factor calls take them. */
export function readFactorCode(context: IExecuteFunctions, client: VerifyClient, itemIndex: number): [string, string, string, string] {
	return [
		readServiceSid(context, client, itemIndex),
		readIdentity(context, itemIndex),
		readSid(context, 'factorSid', itemIndex),
		readCode(context, itemIndex),
	];
}

/** TOTP settings of a new factor; what is left out comes from the Verify Service's TOTP settings. */
export function totpOptionsField(displayOptions: { show: Show }): INodeProperties {
	return {
		displayName: 'TOTP Options',
		name: 'totpOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions,
		options: [
			choiceField('Algorithm', 'alg', [
				{ name: 'SHA-1', value: 'sha1', description: 'What every authenticator app supports' },
				{ name: 'SHA-256', value: 'sha256' },
				{ name: 'SHA-512', value: 'sha512' },
			]),
			{
				displayName: 'Code Length',
				name: 'codeLength',
				type: 'number',
				default: 6,
				typeOptions: { minValue: 3, maxValue: 8 },
				description: 'Digits per code (3 to 8). Most apps show 6.',
			},
			{
				displayName: 'Skew',
				name: 'skew',
				type: 'number',
				default: 1,
				typeOptions: { minValue: 0, maxValue: 2 },
				description: 'How many time steps before and after the current one still accept a code (0 to 2)',
			},
			{
				displayName: 'Time Step',
				name: 'timeStep',
				type: 'number',
				default: 30,
				typeOptions: { minValue: 20, maxValue: 60 },
				description: 'Seconds per code (20 to 60). Most apps use 30.',
			},
		],
	};
}

export function toTotpConfig(values: IDataObject): TotpFactorConfig {
	const config: TotpFactorConfig = {};
	if (typeof values.timeStep === 'number') config.timeStep = values.timeStep;
	if (typeof values.skew === 'number') config.skew = values.skew;
	if (typeof values.codeLength === 'number') config.codeLength = values.codeLength;
	if (values.alg === 'sha1' || values.alg === 'sha256' || values.alg === 'sha512') config.alg = values.alg;
	return config;
}
