/**
 * The one context every member flow receives: the store, Verify (when the flow sends or checks codes), the policy,
 * the session secret and a clock. `createMembers` builds and checks it once; flows never re-check it.
 */
import { ConfigurationError } from '../errors';
import type { TotpGateway, VerificationGateway } from '../verify/types';
import { type MemberPolicy, type PolicyOverrides, resolvePolicy } from './policy';
import type { MemberStore } from './types';

/** Where codes are sent and checked. */
export interface VerifySetup {
	/** sends and checks phone codes, and keeps members' authenticator apps (TOTP factors) */
	gateway: VerificationGateway & TotpGateway;
	/** Verify Service (VA…) that sends and checks the codes */
	serviceSid: string;
}

/** What `createMembers` is given. */
export interface MembersConfig {
	store: MemberStore;
	/** HS256 key for session tokens, at least 32 characters */
	sessionSecret: string;
	/** only needed by the flows that send or check a code */
	verify?: VerifySetup;
	policy?: PolicyOverrides;
	/** current time; defaults to the system clock (tests move it) */
	clock?: () => Date;
}

export interface MemberFlowContext {
	readonly store: MemberStore;
	readonly sessionSecret: string;
	readonly verify: VerifySetup | undefined;
	readonly policy: MemberPolicy;
	readonly now: () => Date;
}

export const MIN_SESSION_SECRET_LENGTH = 32;

const systemClock = () => new Date();

/** Checks the setup before anything is stored or sent, so a bad secret never costs a user an SMS. */
export function resolveConfig(config: MembersConfig): MemberFlowContext {
	if (!config?.store) throw new ConfigurationError('MISSING_STORE', 'The member flows need a member store.');
	const verify = config.verify;
	if (verify) {
		if (!verify.gateway) throw new ConfigurationError('MISSING_GATEWAY', 'The member flows need a Verify gateway.');
		if (typeof verify.serviceSid !== 'string' || !verify.serviceSid.trim()) {
			throw new ConfigurationError('MISSING_SERVICE_SID', 'Choose the Verify Service that sends the codes.');
		}
	}
	return Object.freeze({
		store: config.store,
		sessionSecret: checkSessionSecret(config.sessionSecret),
		verify,
		policy: resolvePolicy(config.policy),
		now: config.clock ?? systemClock,
	});
}

/** The Verify setup of a flow that sends or checks a code; its absence is a programming or setup mistake. */
export function verifyOf(flow: MemberFlowContext): VerifySetup {
	if (!flow.verify) {
		throw new ConfigurationError('MISSING_GATEWAY', 'This member flow sends or checks a code and needs Verify.');
	}
	return flow.verify;
}

export function checkSessionSecret(secret: unknown): string {
	if (typeof secret !== 'string' || secret.length < MIN_SESSION_SECRET_LENGTH) {
		throw new ConfigurationError(
			'INVALID_SESSION_SECRET',
			`The session signing secret must have at least ${MIN_SESSION_SECRET_LENGTH} characters.`,
			{ description: 'Set a long random value in the Member Store credential, for example `openssl rand -base64 48`.' },
		);
	}
	return secret;
}
