/** Two-step login: email + password first, then a code sent to the phone on file. */
import { clientIpFrom } from '../clientIp';
import { OutcomeError } from '../errors';
import { maskPhone } from '../phones';
import { checkChallengeCode, consumeChallenge, createChallenge, findLiveChallenge, sendCode } from './challenges';
import { type MemberFlowContext, verifyOf } from './context';
import type { CodeSent } from './flowTypes';
import { type SessionGrant, assertMayLogIn, openSession, toSessionGrant } from './grants';
import { passwordHashGate } from './hashGate';
import { readChannel, readCode, readEmail, readId, readPassword } from './input';
import { guessPassword } from './passwordGuess';
import { hashPassword, needsRehash } from './passwords';
import { assertMaySend, countSendOrRefuse, sendLimits } from './rateLimits';

export interface SendLoginCodeInput {
	email: unknown;
	password: unknown;
	channel?: unknown;
	/** the request's X-Forwarded-For header; the caller's address is read from it with the policy's trusted hops */
	forwardedFor?: unknown;
}

/**
 * Checks the password and sends a code to the member's phone. The guess is counted before anything else (per email
 * from this IP, and per email from everywhere), for emails that exist and those that do not alike; the hash runs
 * behind the process's hash gate. Unknown email and wrong password give the same INVALID_CREDENTIALS after the same
 * hash work, and LOCKED comes the same way for both, so no answer tells which emails are members.
 */
export async function sendLoginCode(
	flow: MemberFlowContext,
	input: SendLoginCodeInput,
): Promise<CodeSent & { loginId: string }> {
	const verify = verifyOf(flow);
	const email = readEmail(input?.email);
	const password = readPassword(input?.password);
	const channel = readChannel(input?.channel);
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

	await assertMaySend(flow.policy, member.phone, channel);
	await countSendOrRefuse(flow.store, sendLimits(flow.policy, member.phone, clientIp), now);
	// The challenge is stored only while the password just checked is still the member's: a reset or change that
	// committed meanwhile (and ended pending logins) must not be outlived by a login started with the old password.
	const loginId = await flow.store.transaction(async (tx) => {
		const current = await tx.lockMember(member.id);
		if (current?.passwordHash !== checked) throw invalidCredentials();
		return await createChallenge(
			flow,
			{ kind: 'login', memberId: member.id, email: member.email, phone: member.phone, passwordHash: null, channel },
			now,
			tx,
		);
	});
	await sendCode(verify, member.phone, channel);
	return { loginId, to: maskPhone(member.phone), channel };
}

/** Opens a session once the code is right; of concurrent completions of one login, exactly one gets a session. */
export async function completeLogin(
	flow: MemberFlowContext,
	input: { loginId: unknown; code: unknown },
): Promise<SessionGrant> {
	const verify = verifyOf(flow);
	const loginId = readId(input?.loginId, 'loginId');
	const code = readCode(input?.code);
	const now = flow.now();

	const challenge = await findLiveChallenge(flow, loginId, 'login', now);
	await checkChallengeCode(flow, verify, challenge, code);

	const { member, session } = await flow.store.transaction(async (tx) => {
		await consumeChallenge(tx, challenge, now, flow.policy);
		// Re-read: the member may have been blocked since the password step.
		const current = challenge.memberId ? await tx.findMemberById(challenge.memberId) : undefined;
		if (!current) throw new OutcomeError('NOT_FOUND', 'This account no longer exists.');
		assertMayLogIn(current);
		return { member: current, session: await openSession(tx, current, now, flow.policy) };
	});
	return toSessionGrant(member, session, flow.sessionSecret);
}

function invalidCredentials(): OutcomeError {
	return new OutcomeError('INVALID_CREDENTIALS', 'The email address or password is not correct.');
}
