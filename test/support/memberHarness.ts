/** Shared set-up for the member tests: one store per backend and test file, a fresh fake Verify and clock per test. */
import { OutcomeError, type OutcomeCode } from '../../nodes/shared/core/errors';
import {
	type MemberPolicy,
	type Members,
	type MembersConfig,
	type MemberStore,
	type StoreConfig,
	closeAllStores,
	createMembers,
	openStore,
} from '../../nodes/shared/core/members';
import type { TestBackend } from './memberBackends';
import { FakeVerifyGateway, GOOD_CODE, SERVICE_SID } from './fakeGateway';

export const SESSION_SECRET = 'test-only-session-secret-7f3a9c1e5b2d4f6a8c0e';
export const PASSWORD = 'correct horse battery';

export class TestClock {
	private ms = Date.now();
	readonly now = (): Date => new Date(this.ms);
	advance(seconds: number): void {
		this.ms += seconds * 1000;
	}
}

export interface FlowKit {
	members: Members;
	gateway: FakeVerifyGateway;
	clock: TestClock;
	config: MembersConfig;
	/** the same set-up with some parts replaced, e.g. another session secret */
	with(overrides: Partial<MembersConfig>): Members;
}

export interface StoreHarness {
	readonly store: MemberStore;
	readonly config: StoreConfig;
	/** counts rows of a table matching a WHERE clause with $1 placeholders */
	count(table: string, where?: string, params?: unknown[]): Promise<number>;
	kit(policy?: Partial<MemberPolicy>): FlowKit;
}

/** Opens a fresh store for the enclosing describe block and removes it afterwards. */
export function useStore(backend: TestBackend): StoreHarness {
	let store: MemberStore | undefined;
	let config: StoreConfig | undefined;
	beforeAll(async () => {
		config = await backend.create();
		store = await openStore(config);
	});
	afterAll(async () => {
		await closeAllStores();
		await backend.cleanUp();
	});
	const harness: StoreHarness = {
		get store() {
			if (!store) throw new Error('store not open yet');
			return store;
		},
		get config() {
			if (!config) throw new Error('store not open yet');
			return config;
		},
		async count(table, where = 'TRUE', params = []) {
			const rows = await backend.query(harness.config, `SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`, params);
			return Number(rows[0].n);
		},
		kit(policy = {}) {
			const gateway = new FakeVerifyGateway();
			const clock = new TestClock();
			const config: MembersConfig = {
				store: harness.store,
				verify: { gateway, serviceSid: SERVICE_SID },
				sessionSecret: SESSION_SECRET,
				policy,
				clock: clock.now,
			};
			return {
				members: createMembers(config),
				gateway,
				clock,
				config,
				with: (overrides) => createMembers({ ...config, ...overrides }),
			};
		},
	};
	return harness;
}

let sequence = 0;

/** A valid, unused US number (+1 415 555 xxxx) and a matching unique email address. */
export function nextIdentity(): { phone: string; email: string } {
	sequence += 1;
	const suffix = String(sequence).padStart(4, '0');
	return { phone: `+1415555${suffix}`, email: `member${suffix}@example.com` };
}

/**
 * Registers a new member through the real flows, then moves the clock past the phone's cool-down so the test can send
 * that phone another code straight away.
 */
export async function registerMember(kit: FlowKit, options: { approval?: 'auto' | 'manual'; password?: string } = {}) {
	const { phone, email } = nextIdentity();
	const password = options.password ?? PASSWORD;
	const sent = await kit.members.registration.sendCode({ email, password, phone });
	const result = await kit.members.registration.complete({ registrationId: sent.registrationId, code: GOOD_CODE },
		options,
	);
	kit.clock.advance(kit.members.policy.resendCooldownSeconds);
	return { phone, email, password, sent, result };
}

/** `registerMember` for a member let in at once (no manual approval), with the session token registration gave. */
export async function registerSignedInMember(kit: FlowKit) {
	const member = await registerMember(kit);
	if (!('sessionToken' in member.result)) throw new Error('the registration opened no session');
	return { ...member, token: member.result.sessionToken };
}

/** A kit (see `StoreHarness.kit`) and a member registered on it and let in at once; `token` is their session's. */
export async function kitWithSignedInMember(harness: StoreHarness, policy: Partial<MemberPolicy> = {}) {
	const kit = harness.kit(policy);
	const member = await registerSignedInMember(kit);
	return { kit, member, token: member.token };
}

/**
 * A member who signed up with a phone code alone (no password; the flow gives them an address on members.example.com)
 * and holds that session; the clock then moves on 30 seconds.
 */
export async function registerPhoneOnlyMember(kit: FlowKit) {
	const { phone } = nextIdentity();
	await kit.members.passwordless.sendCode({ phone });
	const otp = await kit.members.passwordless.complete({ phone, code: GOOD_CODE }, { mailDomain: 'members.example.com' });
	kit.clock.advance(30);
	return { phone, id: otp.member.id, email: otp.member.email, token: (otp as { sessionToken: string }).sessionToken };
}

/**
 * A kit whose per-email cap allows as many wrong passwords an hour as `wrongPasswords` holds, and a member who has
 * just tried each of them (each refused as INVALID_CREDENTIALS), so that the email is locked now.
 */
export async function memberLockedByWrongPasswords(harness: StoreHarness, wrongPasswords: string[]) {
	const kit = harness.kit({ maxFailedLoginsPerEmailPerHour: wrongPasswords.length });
	const member = await registerMember(kit);
	for (const password of wrongPasswords) {
		await expectOutcome(kit.members.login.sendCode({ email: member.email, password }), 'INVALID_CREDENTIALS');
	}
	return { kit, member };
}

/** Awaits a promise that must fail with this outcome code, and returns the error for further checks. */
export async function expectOutcome(promise: Promise<unknown>, code: OutcomeCode): Promise<OutcomeError> {
	const error = await promise.then(
		() => undefined,
		(failure: unknown) => failure,
	);
	expect(error).toBeInstanceOf(OutcomeError);
	expect((error as OutcomeError).code).toBe(code);
	return error as OutcomeError;
}

/**
 * Every path in `value` whose key names a secret or whose text contains one of `secrets` (or any password hash):
 * outputs must come back empty.
 */
export function findSecrets(value: unknown, secrets: string[], path = '$'): string[] {
	if (typeof value === 'string') {
		return secrets.some((secret) => value.includes(secret)) || /(?:scrypt|argon2id)\$/.test(value) ? [path] : [];
	}
	if (value === null || typeof value !== 'object') return [];
	return Object.entries(value).flatMap(([key, child]) => {
		const childPath = `${path}.${key}`;
		// `code` may only hold an outcome code such as INVALID_CODE, never a verification code.
		const isOutcomeCode = key === 'code' && typeof child === 'string' && /^[A-Z_]+$/.test(child);
		const named = /password|hash|secret|^code$|otp/i.test(key) && !isOutcomeCode ? [childPath] : [];
		return [...named, ...findSecrets(child, secrets, childPath)];
	});
}
