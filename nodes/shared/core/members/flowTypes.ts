/** Shapes and options shared by the registration, login and passwordless flows. */
import { clientIpFrom } from '../clientIp';
import { ConfigurationError, OutcomeError } from '../errors';
import { parsePhone } from '../phones';
import type { MemberFlowContext } from './context';
import { readChannel, readCountry } from './input';
import type { PhoneChannel } from './types';

/** What a flow that sent a code answers: never the phone in full. */
export interface CodeSent {
	/** masked phone */
	to: string;
	channel: PhoneChannel;
}

/** Whether a new member may log in at once or waits for an administrator. */
export type ApprovalMode = 'auto' | 'manual';

/** A workflow option, so a wrong value is a setup mistake, not the end user's. */
export function readApprovalMode(value: unknown): ApprovalMode {
	if (value === undefined || value === 'auto' || value === 'manual') return value ?? 'auto';
	throw new ConfigurationError('INVALID_APPROVAL_MODE', 'Approval must be "auto" or "manual".');
}

const DOMAIN = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

/** The domain of the addresses given to phone-only members; a workflow option too. */
export function readMailDomain(value: unknown): string {
	const domain = typeof value === 'string' ? value.trim().toLowerCase().replace(/^@/, '') : '';
	if (!DOMAIN.test(domain)) {
		throw new ConfigurationError(
			'INVALID_MAIL_DOMAIN',
			'Set the mail domain for phone-only members, for example "members.example.com".',
		);
	}
	return domain;
}

/** Registration's one answer for a taken email or phone: which of the two stays unsaid. */
export function alreadyRegistered(): OutcomeError {
	return new OutcomeError('ALREADY_REGISTERED', 'An account with this email address or phone number already exists.');
}

/** The request of a flow that texts a code to a phone it is given. Fields may be of any type: the flow checks each. */
export interface PhoneSendInput {
	/** E.164, or national with `country` */
	phone: unknown;
	/** ISO alpha-2 or alpha-3, for a national phone number */
	country?: unknown;
	/** sms (default), call or whatsapp */
	channel?: unknown;
	/** the request's X-Forwarded-For header; the caller's address is read from it with the policy's trusted hops */
	forwardedFor?: unknown;
}

/** The channel, the caller's address and the phone of such a request, checked in that order, and the time. */
export async function readPhoneSend(flow: MemberFlowContext, input: PhoneSendInput) {
	const channel = readChannel(input?.channel);
	const clientIp = clientIpFrom(input?.forwardedFor, flow.policy.trustedProxyHops);
	const { e164: phone } = await parsePhone(input?.phone, readCountry(input?.country));
	return { channel, clientIp, phone, now: flow.now() };
}
