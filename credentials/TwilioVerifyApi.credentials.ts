import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { choiceField } from '../nodes/shared/n8n/choiceField';
import { secretField } from '../nodes/shared/n8n/secretField';

export class TwilioVerifyApi implements ICredentialType {
	name = 'twilioVerifyApi';

	displayName = 'Twilio Verify API';

	icon: Icon = { light: 'file:../icons/verify.svg', dark: 'file:../icons/verify.dark.svg' };

	documentationUrl = 'https://www.twilio.com/docs/verify/api';

	properties: INodeProperties[] = [
		{
			displayName: 'Account SID',
			name: 'accountSid',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'ACxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
			description: 'Found on the Twilio Console dashboard',
		},
		choiceField('Authenticate With', 'authType', [
			{ name: 'Auth Token', value: 'authToken' },
			{ name: 'API Key', value: 'apiKey', description: 'An API Key SID and Secret, which you can revoke on its own' },
		]),
		secretField('Auth Token', 'authToken', { required: true, displayOptions: { show: { authType: ['authToken'] } } }),
		{
			displayName: 'API Key SID',
			name: 'apiKeySid',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'SKxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
			displayOptions: { show: { authType: ['apiKey'] } },
		},
		secretField('API Key Secret', 'apiKeySecret', { required: true, displayOptions: { show: { authType: ['apiKey'] } } }),
		{
			displayName: 'Default Verify Service SID',
			name: 'defaultServiceSid',
			type: 'string',
			default: '',
			placeholder: 'VAxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
			description: 'Used by the nodes when they do not pick a Verify Service themselves',
		},
		{
			displayName: 'API Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://verify.twilio.com',
			description:
				'Advanced: where Verify requests go. Keep the default for Twilio; change it only to point at a local Verify sandbox for tests or demos.',
		},
		{
			displayName: 'Use Test Phone Numbers (Development Only)',
			name: 'enableTestNumbers',
			type: 'boolean',
			default: false,
			description:
				'Whether the numbers listed below get a fixed code and never reach Twilio. Leave off in production: anyone who knows a test number and its code can verify it.',
		},
		{
			displayName: 'Test Phone Numbers',
			name: 'testNumbers',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			placeholder: '+12025550123=123456',
			description:
				'One "+E164=code" per line. Codes to these numbers are not sent; checks compare with the fixed code. Every result says testNumber: true. Only fictional numbers (+1 NXX 555-0100 to 0199, +44 7700 900xxx) and example.com addresses, unless allowed below.',
			displayOptions: { show: { enableTestNumbers: [true] } },
		},
		{
			displayName: 'Allow Any Test Number (Unsafe)',
			name: 'allowAnyTestNumber',
			type: 'boolean',
			default: false,
			description:
				'Whether real-looking numbers may be test numbers. Whoever knows such a number and its code can verify it.',
			displayOptions: { show: { enableTestNumbers: [true] } },
		},
		{
			displayName: "Allow Test Numbers With Twilio's Live API (Unsafe)",
			name: 'allowTestNumbersWithTwilio',
			type: 'boolean',
			default: false,
			description:
				"Whether test numbers work while the API Base URL is Twilio's. Off, a credential with test numbers only works against a sandbox, so they cannot leak into production.",
			displayOptions: { show: { enableTestNumbers: [true] } },
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			auth: {
				username: '={{$credentials.authType === "apiKey" ? $credentials.apiKeySid : $credentials.accountSid}}',
				password: '={{$credentials.authType === "apiKey" ? $credentials.apiKeySecret : $credentials.authToken}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{($credentials.baseUrl || "https://verify.twilio.com").replace(/\\/+$/, "")}}',
			url: '/v2/Services',
			qs: { PageSize: 1 },
		},
	};
}
