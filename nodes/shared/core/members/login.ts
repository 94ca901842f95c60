/**
 * Two-step login: email + password first, then a second factor: a code sent to the phone on file, a code from the
 * member's authenticator app, or one of their recovery codes. A trusted device skips the second step.
 */
import { clientIpFrom } from '../clientIp';
import { OutcomeError } from '../errors';
import { maskPhone } from '../phones';
import { checkChallengeAnswer, checkChallengeCode, consumeChallenge, createChallenge, findLiveChallenge, sendCode } from './challenges';
import { type MemberFlowContext, verifyOf } from './context';
import { checkAppCode, confirmedTotp } from './factors';
import { type LoginFactor, loginFactorsOf } from './view';
import type { CodeSent } from './flowTypes';
import { type SessionGrant, assertMayLogIn, openSession, toSessionGrant } from './grants';
import { passwordHashGate } from './hashGate';
import { readChannel, readCode, readEmail, readId, readPassword } from './input';
import { guessPassword } from './passwordGuess';
import { hashPassword, needsRehash } from './passwords';
import { assertMaySend, countSendOrRefuse, sendLimits } from './rateLimits';
import { hashRecoveryCode, readRecoveryCode } from './recoveryCodes';
import { type IssuedDevice, isTrustedDevice, readRememberDevice, trustDevice } from './trustedDevices';
import type { ChallengeChannel, ChallengeRecord, MemberQueries, MemberRecord } from './types';

export interface SendLoginCodeInput {
	email: unknown;
	password: unknown;
	channel?: unknown;
	/** the request's X-Forwarded-For header; the caller's address is read from it with the policy's trusted hops */
	forwardedFor?: unknown;
	/** a token from an earlier "remember this device": a live one of this member skips the second factor */
	deviceToken?: unknown;
}

/** The second step is waiting: `to` and `channel` only when a code was sent to the phone. */
export type LoginStarted = { loginId: string; factors: LoginFactor[] } & (CodeSent | { to?: undefined; channel?: undefined });

/** A trusted device's login: the session at once. */
export type TrustedLogin = SessionGrant & { trustedDevice: true; loginId?: undefined };

/**
 * Checks the password and sends a code to the member's phone. The guess is counted before anything else (per email
 * from this IP, and per email from everywhere), for emails that exist and those that do not alike; the hash runs
 * behind the process's hash gate. Unknown email and wrong password give the same INVALID_CREDENTIALS after the same
 * hash work, and LOCKED comes the same way for both, so no answer tells which emails are members.
 */
export async function sendLoginCode(flow: MemberFlowContext, input: SendLoginCodeInput): Promise<LoginStarted | TrustedLogin> {
	const verify = verifyOf(flow);
	const email = readEmail(input?.email);
	const password = readPassword(input?.password);
	const requestedChannel = input?.channel === undefined ? undefined : readChannel(input.channel);
	const clientIp = clientIpFrom(input?.forwardedFor, flow.policy.trustedProxyHops);
	const now = flow.now();

	const member = await guessPassword(flow, { email, password, clientIp, now }, () => flow.store.findMemberByEmail(email));
	if (!member?.passwordHash) throw invalidCredentials();
	const stored = member.passwordHash;

	// Only someone who knows the password learns the account's status.
	assertMayLogIn(member);
	let checked = stored;
	if (needsRehash(stored)) {
		checked = await passwordHashGate.run(() => hashPassword(password));
		await flow.store.updatePasswordHash(member.id, checked);
	}
	if (await isTrustedDevice(flow.store, member, input?.deviceToken, now)) {
		const trusted = await trustedLogin(flow, member, checked, input?.deviceToken, now);
		if (trusted) return trusted;
	}

	const factors = await loginFactorsOf(flow.store, member);
	// A member with an authenticator app gets no SMS unless they ask for one by naming a channel.
	const channel: ChallengeChannel = requestedChannel ?? (factors.includes('totp') ? 'totp' : 'sms');
	if (channel !== 'totp') {
		await assertMaySend(flow.policy, member.phone, channel);
		await countSendOrRefuse(flow.store, sendLimits(flow.policy, member.phone, clientIp), now);
	}
	// The challenge is stored only while the password just checked is still the member's: a reset or change that
	// committed meanwhile (and ended pending logins) must not be outlived by a login started with the old password.
	const loginId = await flow.store.transaction(async (tx) => {
		await lockWithPassword(tx, member, checked);
		return await createChallenge(
			flow,
			{ kind: 'login', memberId: member.id, email: member.email, phone: member.phone, passwordHash: null, channel },
			now,
			tx,
		);
	});
	if (channel === 'totp') return { loginId, factors };
	await sendCode(verify, member.phone, channel);
	return { loginId, factors, to: maskPhone(member.phone), channel };
}

/**
 * A password login from a trusted device of this member: a session at once, while the password is still theirs. The
 * device is checked again with the member's row locked, as every flow that ends devices locks it too: a "log out
 * everywhere" or password change that commits meanwhile either comes first and ends the device (no session here), or
 * comes after and ends this session with the others.
 */
async function trustedLogin(
	flow: MemberFlowContext,
	member: MemberRecord,
	checked: string,
	deviceToken: unknown,
	now: Date,
): Promise<TrustedLogin | undefined> {
	const session = await flow.store.transaction(async (tx) => {
		await lockWithPassword(tx, member, checked);
		return (await isTrustedDevice(tx, member, deviceToken, now)) ? await openSession(tx, member, now, flow.policy) : undefined;
	});
	return session && { ...(await toSessionGrant(flow, member, session)), trustedDevice: true };
}

/** Inside the login's transaction: the member's row, still with the password just checked, still allowed in. */
async function lockWithPassword(tx: MemberQueries, member: MemberRecord, checked: string): Promise<void> {
	const current = await tx.lockMember(member.id);
	if (current?.passwordHash !== checked) throw invalidCredentials();
	assertMayLogIn(current);
}

export interface CompleteLoginInput {
	loginId: unknown;
	/** a code from the phone (factor "sms") or from the authenticator app (factor "totp") */
	code?: unknown;
	/** "totp" or "sms"; by default the app when no code was sent to the phone */
	factor?: unknown;
	/** one of the member's recovery codes, instead of `code` */
	recoveryCode?: unknown;
	/** true: also hand out a device token that skips the second factor next time */
	rememberDevice?: unknown;
}

/**
 * Opens a session once the second factor is right; of concurrent completions of one login, exactly one gets a
 * session. Every kind of answer counts against the same caps before it is checked.
 */
export async function completeLogin(flow: MemberFlowContext, input: CompleteLoginInput): Promise<SessionGrant & Partial<IssuedDevice>> {
	const verify = verifyOf(flow);
	const loginId = readId(input?.loginId, 'loginId');
	const rememberDevice = readRememberDevice(input?.rememberDevice);
	const answer = readAnswer(input);
	const now = flow.now();

	const challenge = await findLiveChallenge(flow, loginId, 'login', now);
	const member = challenge.memberId ? await flow.store.findMemberById(challenge.memberId) : undefined;
	if (!member) throw new OutcomeError('NOT_FOUND', 'This account no longer exists.');
	if (answer.kind === 'recoveryCode') {
		const codeHash = hashRecoveryCode(member.id, answer.recoveryCode);
		await checkChallengeAnswer(flow, challenge, () => flow.store.useRecoveryCode(member.id, codeHash, now));
	} else if ((answer.factor ?? defaultFactor(challenge)) === 'totp') {
		const factor = await confirmedTotp(flow.store, member);
		if (!factor) throw new OutcomeError('INVALID_INPUT', 'This account has no authenticator app. Use the code sent to the phone.');
		await checkChallengeAnswer(flow, challenge, () => checkAppCode(flow, verify, member, factor, answer.code));
	} else {
		await checkChallengeCode(flow, verify, challenge, answer.code);
	}

	const { current, session, device } = await flow.store.transaction(async (tx) => {
		await consumeChallenge(tx, challenge, now, flow.policy);
		// Re-read: the member may have been blocked since the password step.
		const locked = await tx.lockMember(member.id);
		if (!locked) throw new OutcomeError('NOT_FOUND', 'This account no longer exists.');
		assertMayLogIn(locked);
		return {
			current: locked,
			session: await openSession(tx, locked, now, flow.policy),
			device: rememberDevice ? await trustDevice(tx, locked, now, flow.policy) : undefined,
		};
	});
	return { ...(await toSessionGrant(flow, current, session)), ...device };
}

type Answer = { kind: 'recoveryCode'; recoveryCode: string } | { kind: 'code'; code: string; factor?: 'totp' | 'sms' };

/** Either a recovery code or a code (with the factor it came from); refused before anything is counted. */
function readAnswer(input: CompleteLoginInput): Answer {
	if (input?.recoveryCode !== undefined && input.recoveryCode !== null && input.recoveryCode !== '') {
		return { kind: 'recoveryCode', recoveryCode: readRecoveryCode(input.recoveryCode) };
	}
	const factor = input?.factor;
	if (factor !== undefined && factor !== null && factor !== '' && factor !== 'totp' && factor !== 'sms') {
		throw new OutcomeError('INVALID_INPUT', 'factor must be "totp" or "sms".');
	}
	return { kind: 'code', code: readCode(input?.code), factor: factor === 'totp' || factor === 'sms' ? factor : undefined };
}

/** The app when the login sent nothing to the phone, otherwise the phone's code. */
function defaultFactor(challenge: ChallengeRecord): 'totp' | 'sms' {
	return challenge.channel === 'totp' ? 'totp' : 'sms';
}

function invalidCredentials(): OutcomeError {
	return new OutcomeError('INVALID_CREDENTIALS', 'The email address or password is not correct.');
}
