import type { INodeProperties } from 'n8n-workflow';

import { showFor } from '../../../shared/n8n/displayOptions';

export function tokenField(operation: string): INodeProperties {
	return {
		displayName: 'Session Token',
		name: 'token',
		type: 'string',
		typeOptions: { password: true },
		default: '={{ $json.headers?.authorization ?? "" }}',
		required: true,
		description: 'The token from a login, as "Bearer &lt;token&gt;" (an Authorization header) or on its own',
		displayOptions: showFor([operation]),
	};
}
