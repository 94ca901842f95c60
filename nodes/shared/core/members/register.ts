/** Registration: email + password + phone, confirmed by a code sent to the phone. */
import { ConfigurationError, OutcomeError } from '../errors';
import { maskPhone, parsePhone } from '../phones';
import { checkChallengeCode, consumeChallenge, createChallenge, findLiveChallenge, sendCode } from './challenges';
import { type MemberFlowContext, resolveFlowContext } from './context';
import { type PendingApproval, type SessionGrant, openSession, toPendingApproval, toSessionGrant } from './grants';
import { newMemberId } from './ids';
import { readChannel, readClientIp, readCode, readCountry, readEmail, readId } from './input';
import { checkPasswordPolicy, hashPassword } from './passwords';
import { countSendOrRefuse, sendLimits } from './rateLimits';
import type { PhoneChannel } from './types';

export type ApprovalMode = 'auto' | 'manual';

export interface SendRegistrationCodeInput {
	email: string;
	password: string;
	phone: string;
	/** ISO alpha-2 or alpha-3, for a national phone number */
	country?: string;
	channel?: PhoneChannel;
	clientIp?: string;
}

export interface CodeSent {
	/** masked phone */
	to: string;
	channel: PhoneChannel;
}

export async function sendRegistrationCode(
	context: MemberFlowContext,
	input: SendRegistrationCodeInput,
): Promise<CodeSent & { registrationId: string }> {
	const flow = resolveFlowContext(context);
	const email = readEmail(input?.email);
	const password = checkPasswordPolicy(input?.password, flow.policy.minPasswordLength);
	const channel = readChannel(input?.channel);
	const clientIp = readClientIp(input?.clientIp);
	const { e164: phone } = await parsePhone(input?.phone, readCountry(input?.country));
	const now = flow.now();

	// A friendly early answer; the unique constraints still decide at completion.
	if (await flow.store.findMemberByEmail(email)) {
		throw new OutcomeError('ALREADY_REGISTERED', 'An account with this email address already exists.');
	}
	if (await flow.store.findMemberByPhone(phone)) {
		throw new OutcomeError('ALREADY_REGISTERED', 'An account with this phone number already exists.');
	}
	// Counted before hashing, so refused requests cannot make the server spend scrypt time.
	await countSendOrRefuse(flow.store, sendLimits(flow.policy, phone, clientIp), now);
	const passwordHash = await hashPassword(password);
	const registrationId = await createChallenge(
		flow,
		{ kind: 'register', memberId: null, email, phone, passwordHash, channel },
		now,
	);
	await sendCode(flow, phone, channel);
	return { registrationId, to: maskPhone(phone), channel };
}

/** Sends the code again, on the same channel or another; the cool-down and caps of the phone apply. */
export async function resendRegistrationCode(
	context: MemberFlowContext,
	input: { registrationId: string; channel?: PhoneChannel; clientIp?: string },
): Promise<CodeSent> {
	const flow = resolveFlowContext(context);
	const registrationId = readId(input?.registrationId, 'registrationId');
	const requestedChannel = input?.channel === undefined ? undefined : readChannel(input.channel);
	const clientIp = readClientIp(input?.clientIp);
	const now = flow.now();

	const challenge = await findLiveChallenge(flow, registrationId, 'register', now);
	const channel = requestedChannel ?? challenge.channel;
	await countSendOrRefuse(flow.store, sendLimits(flow.policy, challenge.phone, clientIp), now);
	if (channel !== challenge.channel) await flow.store.setChallengeChannel(challenge.idHash, channel);
	await sendCode(flow, challenge.phone, channel);
	return { to: maskPhone(challenge.phone), channel };
}

export type RegistrationResult = SessionGrant | PendingApproval;

/**
 * Creates the member once the code is right. One transaction uses up the challenge, inserts the member and opens
 * the session: of concurrent completions only one wins, and a taken email or phone leaves nothing behind.
 * With manual approval the member waits (status pending_approval) and no session is opened.
 */
export async function completeRegistration(
	context: MemberFlowContext,
	input: { registrationId: string; code: string },
	options: { approval?: ApprovalMode } = {},
): Promise<RegistrationResult> {
	const flow = resolveFlowContext(context);
	const approval = readApprovalMode(options.approval);
	const registrationId = readId(input?.registrationId, 'registrationId');
	const code = readCode(input?.code);
	const now = flow.now();

	const challenge = await findLiveChallenge(flow, registrationId, 'register', now);
	await checkChallengeCode(flow, challenge, code);

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
		if (!inserted) {
			throw new OutcomeError(
				'ALREADY_REGISTERED',
				'An account with this email address or phone number already exists.',
			);
		}
		if (inserted.status !== 'active') return { member: inserted, session: undefined };
		return { member: inserted, session: await openSession(tx, inserted, now, flow.policy) };
	});

	if (!session) return toPendingApproval(member);
	return toSessionGrant(member, session, flow.sessionSecret);
}

export function readApprovalMode(value: unknown): ApprovalMode {
	if (value === undefined || value === 'auto' || value === 'manual') return value ?? 'auto';
	throw new ConfigurationError('INVALID_APPROVAL_MODE', 'Approval must be "auto" or "manual".');
}
