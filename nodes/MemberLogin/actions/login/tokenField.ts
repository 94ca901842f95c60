import type { INodeProperties } from 'n8n-workflow';

export function tokenField(operation: string): INodeProperties {
	return {
		displayName: 'Session Token',
		name: 'token',
		type: 'string',
		typeOptions: { password: true },
		default: '={{ $json.headers?.authorization ?? "" }}',
		required: true,
		description: 'The token from a login, as "Bearer &lt;token&gt;" (an Authorization header) or on its own',
		displayOptions: { show: { operation: [operation] } },
	};
}
