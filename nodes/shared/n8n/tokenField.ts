/** The session token of a member operation: by default the Webhook request's Authorization header. */
import type { INodeProperties } from 'n8n-workflow';

import type { OperationShow } from './displayOptions';

export function tokenField(displayOptions: { show: OperationShow }): INodeProperties {
	return {
		displayName: 'Session Token',
		name: 'token',
		type: 'string',
		typeOptions: { password: true },
		default: '={{ $json.headers?.authorization ?? "" }}',
		required: true,
		description: 'The token from a login, as "Bearer &lt;token&gt;" (an Authorization header) or on its own',
		displayOptions,
	};
}
