/** Node properties shared by the Verify nodes. */
import type { INodeProperties } from 'n8n-workflow';

export const serviceLocator: INodeProperties = {
	displayName: 'Verify Service',
	name: 'serviceSid',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	description: "The Verify Service to use. Leave empty to use the credential's default Verify Service SID.",
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a Verify Service...',
			typeOptions: { searchListMethod: 'searchVerifyServices', searchable: true },
		},
		{
			displayName: 'By SID',
			name: 'id',
			type: 'string',
			placeholder: 'VAxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
			validation: [
				{
					type: 'regex',
					properties: { regex: '^VA[0-9a-fA-F]{32}$', errorMessage: 'A Verify Service SID starts with VA followed by 32 hex digits' },
				},
			],
		},
	],
};

const recipientTypeProperty: INodeProperties = {
	displayName: 'Send To',
	name: 'recipientType',
	type: 'options',
	default: 'phone',
	options: [
		{ name: 'Phone Number', value: 'phone' },
		{ name: 'Email Address', value: 'email' },
	],
};

export function recipientProperties(show: Record<string, Array<string | number | boolean>>): INodeProperties[] {
	return [
		{ ...recipientTypeProperty, displayOptions: { show } },
		{
			displayName: 'Phone Number',
			name: 'phone',
			type: 'string',
			default: '',
			required: true,
			placeholder: '+14155550123',
			description: 'In international format (E.164), or a national number together with its country',
			displayOptions: { show: { ...show, recipientType: ['phone'] } },
		},
		{
			displayName: 'Country',
			name: 'country',
			type: 'string',
			default: '',
			placeholder: 'US',
			description: 'ISO 3166-1 alpha-2 or alpha-3 code of the phone number\'s country, needed when the number is not in international format',
			displayOptions: { show: { ...show, recipientType: ['phone'] } },
		},
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			required: true,
			displayOptions: { show: { ...show, recipientType: ['email'] } },
		},
	];
}
