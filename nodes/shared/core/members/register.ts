/** Registration: email + password + phone, confirmed by a code sent to the phone. */
import { clientIpFrom } from '../clientIp';
import { maskPhone } from '../phones';
import { checkChallengeCode, consumeChallenge, createChallenge, findLiveChallenge, sendCode } from './challenges';
import { type MemberFlowContext, verifyOf } from './context';
import { type CodeSent, type PhoneSendInput, alreadyRegistered, readApprovalMode, readPhoneSend } from './flowTypes';
import { type PendingApproval, type SessionGrant, openSession, toPendingApproval, toSessionGrant } from './grants';
import { newMemberId } from './ids';
import { readChannel, readCode, readEmail, readId } from './input';
import { checkPasswordPolicy, hashPassword } from './passwords';
import { assertMaySend, countSendOrRefuse, sendLimits } from './rateLimits';
import { passwordHashGate } from './hashGate';

/** Fields come from a request and may be of any type: each flow checks its own (see input.ts). */
export interface SendRegistrationCodeInput extends PhoneSendInput {
	email: unknown;
	password: unknown;
}

export async function sendRegistrationCode(
	flow: MemberFlowContext,
	input: SendRegistrationCodeInput,
): Promise<CodeSent & { registrationId: string }> {
	const verify = verifyOf(flow);
	const email = readEmail(input?.email);
	const password = await checkPasswordPolicy(input?.password, flow.policy.minPasswordLength);
	const { channel, clientIp, phone, now } = await readPhoneSend(flow, input);

	// Counted before any lookup and before hashing: asking whether an email or phone is taken costs the asker the
	// same as a send, and refused requests cannot make the server spend hashing time.
	await assertMaySend(flow.policy, phone, channel);
	await countSendOrRefuse(flow.store, sendLimits(flow.policy, phone, clientIp), now);
	// A friendly early answer, one message for both (which of the two is taken stays unsaid); the unique constraints
	// still decide at completion.
	if ((await flow.store.findMemberByEmail(email)) || (await flow.store.findMemberByPhone(phone))) throw alreadyRegistered();
	const passwordHash = await passwordHashGate.run(() => hashPassword(password));
	const registrationId = await createChallenge(
		flow,
		{ kind: 'register', memberId: null, email, phone, passwordHash, channel },
		now,
	);
	await sendCode(verify, phone, channel);
	return { registrationId, to: maskPhone(phone), channel };
}

/** Sends the code again, on the same channel or another; the cool-down and caps of the phone apply. */
export async function resendRegistrationCode(
	flow: MemberFlowContext,
	input: { registrationId: unknown; channel?: unknown; forwardedFor?: unknown },
): Promise<CodeSent> {
	const verify = verifyOf(flow);
	const registrationId = readId(input?.registrationId, 'registrationId');
	const requestedChannel = input?.channel === undefined ? undefined : readChannel(input.channel);
	const clientIp = clientIpFrom(input?.forwardedFor, flow.policy.trustedProxyHops);
	const now = flow.now();

	const challenge = await findLiveChallenge(flow, registrationId, 'register', now);
	const channel = requestedChannel ?? (challenge.channel === 'totp' ? 'sms' : challenge.channel);
	await assertMaySend(flow.policy, challenge.phone, channel);
	await countSendOrRefuse(flow.store, sendLimits(flow.policy, challenge.phone, clientIp), now);
	if (channel !== challenge.channel) await flow.store.setChallengeChannel(challenge.idHash, channel);
	await sendCode(verify, challenge.phone, channel);
	return { to: maskPhone(challenge.phone), channel };
}

export type RegistrationResult = SessionGrant | PendingApproval;

/**
 * Creates the member once the code is right. One transaction uses up the challenge, inserts the member and opens
 * the session: of concurrent completions only one wins, and a taken email or phone leaves nothing behind.
 * With manual approval the member waits (status pending_approval) and no session is opened.
 */
export async function completeRegistration(
	flow: MemberFlowContext,
	input: { registrationId: unknown; code: unknown },
	options: { approval?: unknown } = {},
): Promise<RegistrationResult> {
	const verify = verifyOf(flow);
	const approval = readApprovalMode(options.approval);
	const registrationId = readId(input?.registrationId, 'registrationId');
	const code = readCode(input?.code);
	const now = flow.now();

	const challenge = await findLiveChallenge(flow, registrationId, 'register', now);
	await checkChallengeCode(flow, verify, challenge, code);

	const { member, session } = await flow.store.transaction(async (tx) => {
		await consumeChallenge(tx, challenge, now, flow.policy);
		const inserted = await tx.insertMember({
			id: newMemberId(),
			email: challenge.email ?? '',
			phone: challenge.phone,
			passwordHash: challenge.passwordHash,
			status: approval === 'manual' ? 'pending_approval' : 'active',
			createdAt: now,
		});
		if (!inserted) throw alreadyRegistered();
		if (inserted.status !== 'active') return { member: inserted, session: undefined };
		return { member: inserted, session: await openSession(tx, inserted, now, flow.policy) };
	});

	if (!session) return toPendingApproval(flow, member);
	return toSessionGrant(flow, member, session);
}
