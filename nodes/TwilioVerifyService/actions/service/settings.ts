/** The Verify Service settings offered on create and update, and their mapping to the SDK's parameter names. */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { ServiceUpdateOptions } from '../../../shared/core/verify/client';

export const serviceSettings: INodeProperties[] = [
	{
		displayName: 'Code Length',
		name: 'codeLength',
		type: 'number',
		default: 6,
		typeOptions: { minValue: 4, maxValue: 10 },
		description: 'How many digits the codes have (4 to 10)',
	},
	{
		displayName: 'Custom Code Enabled',
		name: 'customCodeEnabled',
		type: 'boolean',
		default: false,
		description: 'Whether you may send codes you generated yourself (needs Twilio to enable it for your account)',
	},
	{
		displayName: 'Default Template SID',
		name: 'defaultTemplateSid',
		type: 'string',
		default: '',
		placeholder: 'HJxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
		description: 'Message template used for SMS unless a verification names another',
	},
	{
		displayName: 'Do-Not-Share Warning',
		name: 'doNotShareWarningEnabled',
		type: 'boolean',
		default: false,
		description: 'Whether SMS messages end with a warning not to share the code',
	},
	{
		displayName: 'DTMF Input Required',
		name: 'dtmfInputRequired',
		type: 'boolean',
		default: true,
		description: 'Whether voice calls ask the person to press a key before reading the code',
	},
	{
		displayName: 'Friendly Name',
		name: 'friendlyName',
		type: 'string',
		default: '',
		description: 'The name shown in messages, e.g. "Your Acme verification code is..."',
	},
	{
		displayName: 'Lookup Enabled',
		name: 'lookupEnabled',
		type: 'boolean',
		default: false,
		description: 'Whether Twilio looks up carrier information of each number',
	},
	{
		displayName: 'PSD2 Enabled',
		name: 'psd2Enabled',
		type: 'boolean',
		default: false,
		description: 'Whether verifications carry an amount and payee for PSD2 transaction confirmation',
	},
	{
		displayName: 'Skip SMS to Landlines',
		name: 'skipSmsToLandlines',
		type: 'boolean',
		default: false,
		description: 'Whether SMS sends to landline numbers are refused instead of attempted',
	},
	{
		displayName: 'Text-to-Speech Name',
		name: 'ttsName',
		type: 'string',
		default: '',
		description: 'Name read out in voice calls instead of the friendly name',
	},
	{
		displayName: 'WhatsApp From',
		name: 'whatsappFrom',
		type: 'string',
		default: '',
		placeholder: '+14155550123',
		description: 'The WhatsApp sender number of this service',
	},
	{
		displayName: 'WhatsApp Messaging Service SID',
		name: 'whatsappMsgServiceSid',
		type: 'string',
		default: '',
		placeholder: 'MGxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
		description: 'Messaging Service that sends this service\'s WhatsApp messages',
	},
];

const SDK_NAMES: Record<string, string> = {
	whatsappFrom: 'whatsapp.from',
	whatsappMsgServiceSid: 'whatsapp.msgServiceSid',
};

/** Collection values → SDK options; empty strings mean "not set" and are left out. */
export function toServiceOptions(settings: IDataObject): ServiceUpdateOptions {
	const options: Record<string, unknown> = {};
	for (const [name, value] of Object.entries(settings)) {
		if (value === '' || value === undefined || value === null) continue;
		options[SDK_NAMES[name] ?? name] = value;
	}
	return options as ServiceUpdateOptions;
}
