import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { choiceField } from '../nodes/shared/n8n/choiceField';
import { secretField } from '../nodes/shared/n8n/secretField';

/** The PostgreSQL connection settings show only while PostgreSQL is the chosen backend. */
const postgresOnly = { show: { backend: ['postgres'] } };

/** A PostgreSQL connection setting with no description: host, port, database, user. */
function postgresSetting(displayName: string, name: string, type: 'string' | 'number', defaultValue: string | number): INodeProperties {
	return { displayName, name, type, default: defaultValue, displayOptions: postgresOnly };
}

/**
 * Where members, codes' challenges and sessions are kept, and how session tokens are signed.
 * Tested by the member nodes' credential test (opens the store and checks its schema), not over HTTP.
 */
export class MemberStoreApi implements ICredentialType {
	name = 'memberStoreApi';

	displayName = 'Member Store API';

	icon: Icon = { light: 'file:../icons/member.svg', dark: 'file:../icons/member.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-twilio-verify/n8n-nodes-twilio-verify#member-store-credential';

	properties: INodeProperties[] = [
		choiceField('Backend', 'backend', [
			{ name: 'SQLite (One n8n Instance)', value: 'sqlite', description: 'A file next to n8n\'s own data; nothing to set up' },
			{ name: 'PostgreSQL (Several Instances or Queue Mode)', value: 'postgres', description: 'Shared by every n8n worker' },
		]),
		{
			displayName: 'SQLite File',
			name: 'sqlitePath',
			type: 'string',
			default: '',
			placeholder: '/home/node/.n8n/twilio-verify-members.sqlite',
			description: 'Path of the database file. Empty: twilio-verify-members.sqlite in the n8n user folder.',
			displayOptions: { show: { backend: ['sqlite'] } },
		},
		postgresSetting('Host', 'host', 'string', 'localhost'),
		postgresSetting('Port', 'port', 'number', 5432),
		postgresSetting('Database', 'database', 'string', 'postgres'),
		postgresSetting('User', 'user', 'string', 'postgres'),
		secretField('Password', 'password', { displayOptions: postgresOnly }),
		choiceField(
			'SSL',
			'ssl',
			[
				{ name: 'Disable', value: 'disable', description: 'Only for a database on the same machine or a private network' },
				{ name: 'Require', value: 'require', description: 'Encrypted, but the server certificate is not checked' },
				{
					name: 'Verify Full',
					value: 'verify-full',
					description: 'Encrypted, and the certificate must be valid for this host (signed by the CA below, or a public one)',
				},
			],
			{ displayOptions: postgresOnly },
		),
		secretField('CA Certificate', 'caCertificate', {
			placeholder: '-----BEGIN CERTIFICATE-----',
			description: "PEM of the certificate authority that signed the server's certificate; empty trusts Node.js's public CAs",
			displayOptions: { show: { backend: ['postgres'], ssl: ['verify-full'] } },
		}),
		secretField('Session Signing Secret', 'sessionSecret', {
			required: true,
			description: 'At least 32 random characters, e.g. from `openssl rand -base64 48`. Changing it logs every member out.',
		}),
		{
			displayName: 'Session Lifetime (Hours)',
			name: 'sessionLifetimeHours',
			type: 'number',
			default: 24,
			typeOptions: { minValue: 1, maxValue: 8760 },
			description: 'How long a session token stays valid after login',
		},
	];
}
