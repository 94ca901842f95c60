/**
 * The versioned schema. Each migration runs once, recorded in tvm_schema_version; the drivers run them under a lock
 * (PostgreSQL advisory lock, SQLite BEGIN IMMEDIATE) so two processes starting at once do not both apply them, and
 * every statement is also idempotent (IF NOT EXISTS) in case the version table was lost.
 * Add new migrations at the end; never edit one that has shipped.
 */

export const TABLES = {
	members: 'tvm_members',
	challenges: 'tvm_challenges',
	sessions: 'tvm_sessions',
	sendCounters: 'tvm_send_counters',
	factors: 'tvm_factors',
	recoveryCodes: 'tvm_recovery_codes',
	trustedDevices: 'tvm_trusted_devices',
	schemaVersion: 'tvm_schema_version',
} as const;

export type Dialect = 'sqlite' | 'postgres';

interface ColumnTypes {
	dialect: Dialect;
	time: string;
	uuid: string;
	text: string;
	integer: string;
	/** SQLite STRICT tables refuse values of the wrong type instead of storing them anyway */
	tableOptions: string;
}

const COLUMN_TYPES: Record<Dialect, ColumnTypes> = {
	sqlite: { dialect: 'sqlite', time: 'TEXT', uuid: 'TEXT', text: 'TEXT', integer: 'INTEGER', tableOptions: ' STRICT' },
	postgres: { dialect: 'postgres', time: 'timestamptz', uuid: 'uuid', text: 'text', integer: 'integer', tableOptions: '' },
};

interface Migration {
	version: number;
	statements(types: ColumnTypes): string[];
}

const { members, challenges, sessions, sendCounters, factors, recoveryCodes, trustedDevices, schemaVersion } = TABLES;

/** The challenges table's columns, written once: version 1 creates it and version 2 rebuilds it on SQLite. */
function challengeColumns(t: ColumnTypes, kindCheck: string): string {
	return `
		id_hash ${t.text} PRIMARY KEY,
		kind ${t.text} NOT NULL CHECK (${kindCheck}),
		member_id ${t.uuid} REFERENCES ${members} (id) ON DELETE CASCADE,
		email ${t.text},
		phone ${t.text} NOT NULL,
		password_hash ${t.text},
		channel ${t.text} NOT NULL,
		expires_at ${t.time} NOT NULL,
		attempts ${t.integer} NOT NULL DEFAULT 0,
		consumed_at ${t.time},
		created_at ${t.time} NOT NULL
	`;
}

const MIGRATIONS: Migration[] = [
	{
		version: 1,
		statements: (t) => [
			`CREATE TABLE IF NOT EXISTS ${members} (
				id ${t.uuid} PRIMARY KEY,
				email ${t.text} NOT NULL,
				phone ${t.text} NOT NULL,
				password_hash ${t.text},
				status ${t.text} NOT NULL CHECK (status IN ('active', 'pending_approval', 'blocked')),
				created_at ${t.time} NOT NULL,
				last_login_at ${t.time},
				failed_logins ${t.integer} NOT NULL DEFAULT 0,
				locked_until ${t.time},
				CONSTRAINT ${members}_email_key UNIQUE (email),
				CONSTRAINT ${members}_phone_key UNIQUE (phone)
			)${t.tableOptions}`,
			`CREATE TABLE IF NOT EXISTS ${challenges} (${challengeColumns(t, `kind IN ('register', 'login', 'otp')`)})${t.tableOptions}`,
			`CREATE INDEX IF NOT EXISTS ${challenges}_phone_idx ON ${challenges} (phone, kind, created_at)`,
			`CREATE INDEX IF NOT EXISTS ${challenges}_member_idx ON ${challenges} (member_id)`,
			`CREATE INDEX IF NOT EXISTS ${challenges}_expires_idx ON ${challenges} (expires_at)`,
			`CREATE TABLE IF NOT EXISTS ${sessions} (
				id ${t.text} PRIMARY KEY,
				member_id ${t.uuid} NOT NULL REFERENCES ${members} (id) ON DELETE CASCADE,
				issued_at ${t.time} NOT NULL,
				expires_at ${t.time} NOT NULL,
				revoked_at ${t.time}
			)${t.tableOptions}`,
			`CREATE INDEX IF NOT EXISTS ${sessions}_member_idx ON ${sessions} (member_id)`,
			`CREATE INDEX IF NOT EXISTS ${sessions}_expires_idx ON ${sessions} (expires_at)`,
			`CREATE TABLE IF NOT EXISTS ${sendCounters} (
				key ${t.text} PRIMARY KEY,
				window_start ${t.time} NOT NULL,
				sent_count ${t.integer} NOT NULL,
				last_sent_at ${t.time} NOT NULL
			)${t.tableOptions}`,
			`CREATE INDEX IF NOT EXISTS ${sendCounters}_last_sent_idx ON ${sendCounters} (last_sent_at)`,
		],
	},
	{
		// Password resets and phone changes are challenges too. PostgreSQL swaps the kind's CHECK constraint; SQLite
		// cannot alter a constraint, so the table is rebuilt (its documented way) and its rows copied over. Both run
		// again safely should the version table be lost.
		version: 2,
		statements: (t) => {
			const kinds = `kind IN ('register', 'login', 'otp', 'reset', 'phone_change')`;
			if (t.dialect === 'postgres') {
				return [
					`ALTER TABLE ${challenges} DROP CONSTRAINT IF EXISTS ${challenges}_kind_check`,
					`ALTER TABLE ${challenges} ADD CONSTRAINT ${challenges}_kind_check CHECK (${kinds})`,
					`CREATE INDEX IF NOT EXISTS ${members}_created_idx ON ${members} (created_at, id)`,
				];
			}
			const rebuilt = `${challenges}_v2`;
			return [
				`DROP TABLE IF EXISTS ${rebuilt}`,
				`CREATE TABLE ${rebuilt} (${challengeColumns(t, kinds)})${t.tableOptions}`,
				`INSERT INTO ${rebuilt}
					(id_hash, kind, member_id, email, phone, password_hash, channel, expires_at, attempts, consumed_at, created_at)
				 SELECT id_hash, kind, member_id, email, phone, password_hash, channel, expires_at, attempts, consumed_at, created_at
				 FROM ${challenges}`,
				`DROP TABLE ${challenges}`,
				`ALTER TABLE ${rebuilt} RENAME TO ${challenges}`,
				`CREATE INDEX IF NOT EXISTS ${challenges}_phone_idx ON ${challenges} (phone, kind, created_at)`,
				`CREATE INDEX IF NOT EXISTS ${challenges}_member_idx ON ${challenges} (member_id)`,
				`CREATE INDEX IF NOT EXISTS ${challenges}_expires_idx ON ${challenges} (expires_at)`,
				`CREATE INDEX IF NOT EXISTS ${members}_created_idx ON ${members} (created_at, id)`,
			];
		},
	},
	{
		// Second factors: authenticator apps (only Twilio's factor SID), recovery codes and trusted devices, all by
		// hash where a secret is involved, all gone with the member.
		version: 3,
		statements: (t) => [
			`CREATE TABLE IF NOT EXISTS ${factors} (
				id ${t.uuid} PRIMARY KEY,
				member_id ${t.uuid} NOT NULL REFERENCES ${members} (id) ON DELETE CASCADE,
				kind ${t.text} NOT NULL CHECK (kind IN ('totp')),
				verify_sid ${t.text} NOT NULL,
				status ${t.text} NOT NULL CHECK (status IN ('unverified', 'verified')),
				created_at ${t.time} NOT NULL,
				confirmed_at ${t.time},
				last_code_hash ${t.text},
				last_code_at ${t.time}
			)${t.tableOptions}`,
			`CREATE INDEX IF NOT EXISTS ${factors}_member_idx ON ${factors} (member_id)`,
			`CREATE TABLE IF NOT EXISTS ${recoveryCodes} (
				member_id ${t.uuid} NOT NULL REFERENCES ${members} (id) ON DELETE CASCADE,
				code_hash ${t.text} NOT NULL,
				created_at ${t.time} NOT NULL,
				used_at ${t.time},
				PRIMARY KEY (member_id, code_hash)
			)${t.tableOptions}`,
			`CREATE TABLE IF NOT EXISTS ${trustedDevices} (
				token_hash ${t.text} PRIMARY KEY,
				member_id ${t.uuid} NOT NULL REFERENCES ${members} (id) ON DELETE CASCADE,
				created_at ${t.time} NOT NULL,
				expires_at ${t.time} NOT NULL
			)${t.tableOptions}`,
			`CREATE INDEX IF NOT EXISTS ${trustedDevices}_member_idx ON ${trustedDevices} (member_id)`,
			`CREATE INDEX IF NOT EXISTS ${trustedDevices}_expires_idx ON ${trustedDevices} (expires_at)`,
		],
	},
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

export function versionTableStatement(dialect: Dialect): string {
	const t = COLUMN_TYPES[dialect];
	return `CREATE TABLE IF NOT EXISTS ${schemaVersion} (
		version ${t.integer} PRIMARY KEY,
		applied_at ${t.time} NOT NULL
	)${t.tableOptions}`;
}

export const CURRENT_VERSION_QUERY = `SELECT COALESCE(MAX(version), 0) AS version FROM ${schemaVersion}`;
export const RECORD_VERSION_STATEMENT = `INSERT INTO ${schemaVersion} (version, applied_at) VALUES ($1, $2)`;

/** The migrations still to run on a database at `currentVersion`, as SQL for `dialect`. */
export function pendingMigrations(
	dialect: Dialect,
	currentVersion: number,
): Array<{ version: number; statements: string[] }> {
	return MIGRATIONS.filter((migration) => migration.version > currentVersion).map((migration) => ({
		version: migration.version,
		statements: migration.statements(COLUMN_TYPES[dialect]),
	}));
}
