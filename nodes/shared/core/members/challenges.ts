/**
 * Challenges: a pending registration, login, OTP login, password reset or phone change waiting for its code. One works once, expires, and dies after
 * too many wrong codes. Only the hash of its random id is stored.
 */
import { OutcomeError } from '../errors';
import type { MemberFlowContext, VerifySetup } from './context';
import { hashChallengeId, newChallengeId } from './ids';
import type { MemberPolicy } from './policy';
import { codeGuessLimit, endPhoneCooldown, forgive, reserveCodeGuess } from './rateLimits';
import type { ChallengeKind, ChallengeRecord, MemberQueries, NewChallenge, PhoneChannel } from './types';
import { verifyLatency } from './verifyTiming';

const WHAT: Record<ChallengeKind, string> = {
	register: 'registration',
	login: 'login',
	otp: 'code',
	reset: 'password reset',
	phone_change: 'phone change',
};

/** The challenge if it can still take a code; otherwise the outcome that explains why not. */
export function requireLiveChallenge(
	challenge: ChallengeRecord | undefined,
	kind: ChallengeKind,
	now: Date,
	policy: MemberPolicy,
): ChallengeRecord {
	// Unknown, of another kind, or already used: all look the same to the caller.
	if (!challenge || challenge.kind !== kind || challenge.consumedAt) {
		throw new OutcomeError('NOT_FOUND', `This ${WHAT[kind]} request was not found or was already used. Start again.`);
	}
	if (challenge.attempts >= policy.maxCodeAttempts) {
		throw new OutcomeError('TOO_MANY_ATTEMPTS', `Too many wrong codes for this ${WHAT[kind]} request. Start again.`);
	}
	if (challenge.expiresAt.getTime() <= now.getTime()) {
		throw new OutcomeError('EXPIRED', `This ${WHAT[kind]} request has expired. Start again.`);
	}
	return challenge;
}

export async function findLiveChallenge(
	flow: MemberFlowContext,
	id: string,
	kind: ChallengeKind,
	now: Date,
): Promise<ChallengeRecord> {
	return requireLiveChallenge(await flow.store.findChallenge(hashChallengeId(id)), kind, now, flow.policy);
}

export async function createChallenge(
	flow: MemberFlowContext,
	fields: Omit<NewChallenge, 'idHash' | 'expiresAt' | 'createdAt'>,
	now: Date,
	into: MemberQueries = flow.store,
): Promise<string> {
	const id = newChallengeId();
	const expiresAt = new Date(now.getTime() + flow.policy.challengeTtlMinutes * 60_000);
	await into.insertChallenge({ ...fields, idHash: hashChallengeId(id), expiresAt, createdAt: now });
	return id;
}

/**
 * Asks Verify whether the code is right. A wrong code counts against the challenge (in the store, atomically); the
 * last allowed wrong code kills it. Verify's own refusals (expired, too many checks) are passed on as they are.
 */
export async function checkChallengeCode(
	flow: MemberFlowContext,
	{ gateway, serviceSid }: VerifySetup,
	challenge: ChallengeRecord,
	code: string,
): Promise<void> {
	await checkChallengeAnswer(flow, challenge, async () => {
		const result = await verifyLatency.check.time(() => gateway.check({ serviceSid, to: challenge.phone, code }));
		if (!result.approved && result.reason.code !== 'INVALID_CODE') throw result.reason;
		return result.approved;
	});
}

/**
 * Any answer to a challenge (an SMS code, an authenticator-app code, a recovery code): counted for the challenge's
 * phone and on the challenge before `isRight` runs, like a code Verify checks, so every kind of guess shares one cap.
 */
export async function checkChallengeAnswer(
	flow: MemberFlowContext,
	challenge: ChallengeRecord,
	isRight: () => Promise<boolean>,
): Promise<void> {
	const attempts = await reserveAttempt(flow, challenge, challenge.phone);
	if (await isRight()) {
		await forgive(flow.store, [codeGuessLimit(flow.policy, challenge.phone)]);
		return;
	}
	throw wrongCode(challenge, attempts, flow.policy);
}

/**
 * The check of a decoy challenge (one that stands for a member who does not exist, so it has no phone): counted like
 * a real one, against `guessKey` instead of a phone, answered after about as long as Verify takes, and never right.
 */
export async function refuseDecoyCode(
	flow: MemberFlowContext,
	challenge: ChallengeRecord,
	guessKey: string,
): Promise<never> {
	const attempts = await reserveAttempt(flow, challenge, guessKey);
	await verifyLatency.check.wait();
	throw wrongCode(challenge, attempts, flow.policy);
}

/**
 * Counts the attempt for the phone (or decoy key) and on the challenge before Verify is asked, each in one statement:
 * parallel guesses cannot pass either cap. Returns the challenge's attempts so far.
 */
async function reserveAttempt(flow: MemberFlowContext, challenge: ChallengeRecord, guessKey: string): Promise<number> {
	const now = flow.now();
	await reserveCodeGuess(flow.store, flow.policy, guessKey, now);
	const attempts = await flow.store.reserveCodeAttempt(challenge.idHash, flow.policy.maxCodeAttempts);
	if (attempts === undefined) {
		requireLiveChallenge(await flow.store.findChallenge(challenge.idHash), challenge.kind, now, flow.policy);
		throw new OutcomeError('NOT_FOUND', `This ${WHAT[challenge.kind]} request was already used. Start again.`);
	}
	return attempts;
}

function wrongCode(challenge: ChallengeRecord, attempts: number, policy: MemberPolicy): OutcomeError {
	const left = policy.maxCodeAttempts - attempts;
	if (left <= 0) {
		return new OutcomeError('TOO_MANY_ATTEMPTS', `Too many wrong codes for this ${WHAT[challenge.kind]} request. Start again.`);
	}
	return new OutcomeError('INVALID_CODE', `The code is not correct. ${left} ${left === 1 ? 'attempt' : 'attempts'} left.`);
}

/**
 * Uses the challenge up inside a transaction, and ends its phone's resend cool-down (see endPhoneCooldown). The
 * conditional update decides between concurrent completions; the losers get the same outcome a later retry would get.
 */
export async function consumeChallenge(
	tx: MemberQueries,
	challenge: ChallengeRecord,
	now: Date,
	policy: MemberPolicy,
): Promise<void> {
	if (await tx.consumeChallenge(challenge.idHash, { now, maxCodeAttempts: policy.maxCodeAttempts })) {
		await endPhoneCooldown(tx, policy, challenge.phone, now);
		return;
	}
	requireLiveChallenge(await tx.findChallenge(challenge.idHash), challenge.kind, now, policy);
	throw new OutcomeError('NOT_FOUND', `This ${WHAT[challenge.kind]} request was already used. Start again.`);
}

export async function sendCode(
	{ gateway, serviceSid }: VerifySetup,
	phone: string,
	channel: PhoneChannel,
): Promise<void> {
	await verifyLatency.send.time(() => gateway.send({ serviceSid, to: phone, channel }));
}
