/**
 * Nothing secret in n8n's own database. Registration, password + code login, an authenticator app (its secret, codes,
 * recovery codes and a remembered device), passwordless login, `me` and `logout` run through a real n8n with the
 * sample workflows; then n8n's SQLite database (`<user folder>/.n8n/database.sqlite`)
 * is read, every table and column, for the passwords, codes, challenge ids, session tokens, `Bearer` headers and the
 * session secret used. The sample workflows save no execution data (workflow settings), so no execution is kept.
 *
 * What n8n 2.41.1 still does: it writes each execution, the Webhook request included, while it runs, and when the
 * workflow says "do not save" it marks it deleted at the end; with pruning on (the default) the row and its data are
 * removed by the next hard-deletion pass, every EXECUTIONS_DATA_PRUNE_HARD_DELETE_INTERVAL minutes (15 by default).
 * This backend runs that pass every few seconds, as the README advises to shorten it, and the test waits for it.
 * A control imports the login sample once more with n8n's default settings: its execution is kept, password included.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

import { totpCode } from '../../sandbox';
import { BACKEND_START_TIMEOUT, client, phoneSequence, startSampleBackend } from '../support/sampleBackend';

const SESSION_SECRET = randomBytes(36).toString('base64url');
/** Minutes between n8n's hard-deletion passes (6 s here). */
const HARD_DELETE_INTERVAL_MINUTES = '0.1';
const COOL_DOWN_MS = 31_000;

let backend: Awaited<ReturnType<typeof startSampleBackend>>;
let call: ReturnType<typeof client>;
const newPhone = phoneSequence(5000);
/** Everything secret that went through n8n, with a name for the report. */
const secrets = new Map<string, string>();

const database = () => join(backend.userFolder, '.n8n', 'database.sqlite');

/** Runs `read` on a fresh read-only connection to n8n's database (n8n keeps writing to it). */
function withDatabase<T>(read: (db: DatabaseSync) => T): T {
	const db = new DatabaseSync(database(), { readOnly: true });
	try {
		return read(db);
	} finally {
		db.close();
	}
}

type Row = Record<string, unknown>;

/** Every table, every row, every column as text: where each secret (or any other needle) appears. */
function findInDatabase(needles: Map<string, string>): string[] {
	return withDatabase((db) => {
		const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Row[]).map((row) => String(row.name));
		const found: string[] = [];
		for (const table of tables) {
			for (const row of db.prepare(`SELECT * FROM "${table.replaceAll('"', '""')}"`).all() as Row[]) {
				const text = Object.values(row)
					.map((value) => (value instanceof Uint8Array ? Buffer.from(value).toString('utf8') : String(value)))
					.join('\u0001');
				for (const [name, needle] of needles) if (text.includes(needle)) found.push(`${name} in ${table}`);
			}
		}
		return found;
	});
}

interface Executions {
	created: number;
	rows: number;
	live: number;
	data: number;
}

function executions(): Executions {
	return withDatabase((db) => {
		const count = (sql: string) => Number((db.prepare(sql).get() as Row).count);
		const sequence = db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'execution_entity'").get() as Row | undefined;
		return {
			created: Number(sequence?.seq ?? 0),
			rows: count('SELECT COUNT(*) AS count FROM execution_entity'),
			live: count('SELECT COUNT(*) AS count FROM execution_entity WHERE deletedAt IS NULL'),
			data: count('SELECT COUNT(*) AS count FROM execution_data'),
		};
	});
}

async function waitFor(what: string, done: () => boolean, timeoutMs: number) {
	const deadline = Date.now() + timeoutMs;
	while (!done()) {
		if (Date.now() > deadline) throw new Error(`still not ${what} after ${timeoutMs / 1000} s: ${JSON.stringify(executions())}`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

const code = (phone: string) => backend.sandbox.lastCode(phone)!;

/** Keeps a secret to look for; codes are looked for as JSON strings ("123456"), the way they travel. */
function secret(name: string, value: string, { quoted = false } = {}) {
	secrets.set(name, quoted ? JSON.stringify(value) : value);
	return value;
}

interface Workflow {
	id: string;
	name: string;
	settings: Record<string, unknown>;
	nodes: Array<{ id: string; webhookId?: string; parameters: Record<string, unknown> }>;
}

const { loginWorkflow } = require('../../scripts/workflows/definitions') as { loginWorkflow(): Workflow };

/** The control: the login sample under `saved/`, with n8n's default settings (executions saved). */
function savedLoginWorkflow(): Workflow {
	const workflow = loginWorkflow();
	workflow.id = 'savedlogin000001';
	workflow.name = 'Login with default execution settings (control)';
	workflow.settings = { executionOrder: 'v1' };
	for (const node of workflow.nodes) {
		node.id = `${node.id.slice(0, -4)}5a5e`;
		if (node.webhookId) {
			node.webhookId = `${node.webhookId.slice(0, -4)}5a5e`;
			node.parameters.path = `saved/${String(node.parameters.path)}`;
		}
	}
	return workflow;
}

beforeAll(async () => {
	backend = await startSampleBackend({ 'saved-login.json': savedLoginWorkflow() }, {
		sessionSecret: SESSION_SECRET,
		n8nEnv: { EXECUTIONS_DATA_PRUNE_HARD_DELETE_INTERVAL: HARD_DELETE_INTERVAL_MINUTES },
	});
	call = client(backend.webhookUrl);
	secret('session secret', SESSION_SECRET);
}, BACKEND_START_TIMEOUT);

afterAll(async () => {
	await backend?.stop();
}, 60_000);

test('registration, logins, authenticator apps, me and logout leave no secret in n8n\'s database, and no execution is saved', async () => {
	const email = `secret-${randomUUID()}@example.com`;
	const password = secret('password', `pw ${randomUUID()}`);
	const wrongPassword = secret('mistyped password', `pw ${randomUUID()}`);
	const phone = newPhone();

	// Registration.
	const sent = await call('POST', 'register/send-code', { email, password, phone });
	expect(sent.status).toBe(200);
	const registeredAt = Date.now();
	secret('registration id', sent.body.registrationId);
	const registered = await call('POST', 'register', { registrationId: sent.body.registrationId, code: secret('registration code', code(phone), { quoted: true }) });
	expect(registered.status).toBe(201);
	secret('session token (registration)', registered.body.sessionToken);

	// Password + code login (after the phone's resend cool-down, when registration does not end it).
	expect((await call('POST', 'login/send-code', { email, password: wrongPassword })).status).toBe(401);
	let loginSent = await call('POST', 'login/send-code', { email, password });
	if (loginSent.status === 429) {
		await new Promise((resolve) => setTimeout(resolve, Math.max(0, registeredAt + COOL_DOWN_MS - Date.now())));
		loginSent = await call('POST', 'login/send-code', { email, password });
	}
	expect(loginSent.status).toBe(200);
	secret('login id', loginSent.body.loginId);
	const login = await call('POST', 'login', { loginId: loginSent.body.loginId, code: secret('login code', code(phone), { quoted: true }) });
	expect(login.status).toBe(200);
	const token = secret('session token (login)', login.body.sessionToken);
	secret('Authorization header', `Bearer ${token}`);

	// An authenticator app: its secret (in the otpauth:// link), its codes, the recovery codes shown once, a remembered
	// device's token, and the sessions each of them opens.
	const enrolled = await call('POST', 'factors/totp', undefined, token);
	expect(enrolled.status).toBe(201);
	secret('otpauth link', enrolled.body.uri);
	const appSecret = secret('app secret', new URL(enrolled.body.uri).searchParams.get('secret')!);
	const appCode = (name: string) => secret(name, totpCode(appSecret, Date.now()), { quoted: true });
	const confirmed = await call('POST', 'factors/totp/confirm', { factorId: enrolled.body.factorId, code: appCode('app code (confirm)') }, token);
	expect(confirmed.status).toBe(200);
	const recoveryCodes = confirmed.body.recoveryCodes as string[];
	recoveryCodes.forEach((recoveryCode, index) => secret(`recovery code ${index + 1}`, recoveryCode));
	const appStarted = await call('POST', 'login/send-code', { email, password });
	const appLogin = await call('POST', 'login', { loginId: appStarted.body.loginId, code: appCode('app code (login)'), rememberDevice: true });
	expect(appLogin.status).toBe(200);
	secret('device token', appLogin.body.deviceToken);
	secret('session token (app)', appLogin.body.sessionToken);
	const trusted = await call('POST', 'login/send-code', { email, password, deviceToken: appLogin.body.deviceToken });
	expect(trusted).toMatchObject({ status: 200, body: { sessionToken: expect.any(String) } });
	secret('session token (trusted device)', trusted.body.sessionToken);
	const recoveryStarted = await call('POST', 'login/send-code', { email, password });
	const recovered = await call('POST', 'login', { loginId: recoveryStarted.body.loginId, recoveryCode: recoveryCodes[0] });
	expect(recovered.status).toBe(200);
	secret('session token (recovery code)', recovered.body.sessionToken);
	const renewed = await call('POST', 'factors/recovery-codes', { password }, token);
	expect(renewed.status).toBe(200);
	(renewed.body.recoveryCodes as string[]).forEach((recoveryCode, index) => secret(`new recovery code ${index + 1}`, recoveryCode));

	// Passwordless login.
	const otpPhone = newPhone();
	expect((await call('POST', 'otp/send', { phone: otpPhone })).status).toBe(200);
	const otp = await call('POST', 'otp/login', { phone: otpPhone, code: secret('OTP code', code(otpPhone), { quoted: true }) });
	expect(otp.status).toBe(200);
	secret('session token (OTP)', otp.body.sessionToken);

	// A plain Verify check too.
	const verifyPhone = newPhone();
	expect((await call('POST', 'verify/send', { phone: verifyPhone })).status).toBe(200);
	expect((await call('POST', 'verify/check', { phone: verifyPhone, code: secret('Verify code', code(verifyPhone), { quoted: true }) })).status).toBe(200);

	// The session.
	expect((await call('GET', 'me', undefined, token)).status).toBe(200);
	expect(await call('POST', 'logout', undefined, token)).toEqual({ status: 200, body: { ok: true } });

	// Not saved: once the executions have ended, none is left as a saved (not deleted) execution.
	await waitFor('ended and discarded', () => executions().live === 0, 15_000);
	const afterRuns = executions();
	const residue = findInDatabase(secrets);
	process.stdout.write(
		`executions: ${afterRuns.created} ran, ${afterRuns.live} saved; right after the runs ${afterRuns.rows} discarded ones awaited ` +
			`n8n's hard deletion (${afterRuns.data} execution_data rows, ${residue.length} secret sightings in them)\n`,
	);

	// n8n's next hard-deletion pass removes the discarded in-flight copies.
	await waitFor('hard-deleted', () => executions().rows === 0, 60_000);
	const final = executions();
	process.stdout.write(`executions after n8n's hard deletion: ${JSON.stringify(final)}\n`);
	expect(final).toEqual({ created: expect.any(Number), rows: 0, live: 0, data: 0 });
	expect(final.created).toBeGreaterThanOrEqual(19); // one execution per request above

	expect(findInDatabase(secrets)).toEqual([]);
	// The scan reads what is there: the workflows themselves are found.
	expect(findInDatabase(new Map([['a workflow', 'Members: log in with password then a code, sessions']]))).toContain('a workflow in workflow_entity');
	// Nor in n8n's log.
	const log = backend.n8n.logs();
	expect([...secrets].filter(([, value]) => log.includes(value)).map(([name]) => name)).toEqual([]);
}, 180_000);

test('control: the same workflow with n8n\'s default settings keeps the password in clear', async () => {
	const password = `control ${randomUUID()}`;
	expect((await call('POST', 'saved/login/send-code', { email: `control-${randomUUID()}@example.com`, password })).status).toBe(401);
	await waitFor('saved', () => executions().live === 1, 15_000);
	expect(findInDatabase(new Map([['password', password]]))).toEqual(['password in execution_data']);
});
