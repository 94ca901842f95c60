/** What the flows are given: the store, Verify, the session secret, the policy and a clock (tests move it). */
import { ConfigurationError } from '../errors';
import type { VerificationGateway } from '../verify/types';
import { type MemberPolicy, resolvePolicy } from './policy';
import type { MemberStore } from './types';

/** Enough for the admin flows. */
export interface StoreContext {
	store: MemberStore;
	policy?: Partial<MemberPolicy>;
	/** current time; defaults to the system clock */
	now?: () => Date;
}

/** Enough to verify and revoke session tokens. */
export interface SessionContext extends StoreContext {
	/** HS256 key for session tokens, at least 32 characters */
	sessionSecret: string;
}

/** Everything the register, login and OTP flows need. */
export interface MemberFlowContext extends SessionContext {
	gateway: VerificationGateway;
	/** Verify Service (VA…) that sends and checks the codes */
	serviceSid: string;
}

/** A context with the policy filled in and a clock. */
export type Resolved<T extends StoreContext> = Omit<T, 'policy' | 'now'> & { policy: MemberPolicy; now: () => Date };

export const MIN_SESSION_SECRET_LENGTH = 32;

const systemClock = () => new Date();

export function resolveStoreContext<T extends StoreContext>(context: T): Resolved<T> {
	if (!context?.store) throw new ConfigurationError('MISSING_STORE', 'The member flows need a member store.');
	return { ...context, policy: resolvePolicy(context.policy), now: context.now ?? systemClock };
}

/** Checks the setup before anything is stored or sent, so a bad secret never costs a user an SMS. */
export function resolveFlowContext(context: MemberFlowContext): Resolved<MemberFlowContext> {
	const resolved = resolveStoreContext(context);
	checkSessionSecret(resolved.sessionSecret);
	if (!resolved.gateway) throw new ConfigurationError('MISSING_GATEWAY', 'The member flows need a Verify gateway.');
	if (typeof resolved.serviceSid !== 'string' || !resolved.serviceSid.trim()) {
		throw new ConfigurationError('MISSING_SERVICE_SID', 'Choose the Verify Service that sends the codes.');
	}
	return resolved;
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
