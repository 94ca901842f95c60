/** The knobs of the member flows and their defaults (SECURITY.md explains each). */
import { ConfigurationError } from '../errors';

export interface MemberPolicy {
	minPasswordLength: number;
	/** wrong passwords in a row before the member is locked */
	maxFailedLogins: number;
	lockMinutes: number;
	challengeTtlMinutes: number;
	/** wrong codes before a challenge dies */
	maxCodeAttempts: number;
	/** minimum wait between two codes sent to one phone */
	resendCooldownSeconds: number;
	maxSendsPerPhonePer10Min: number;
	/** only applied when the workflow passes the caller's IP */
	maxSendsPerIpPer10Min: number;
	sessionTtlSeconds: number;
}

export const DEFAULT_MEMBER_POLICY: Readonly<MemberPolicy> = Object.freeze({
	minPasswordLength: 8,
	maxFailedLogins: 5,
	lockMinutes: 15,
	challengeTtlMinutes: 10,
	maxCodeAttempts: 5,
	resendCooldownSeconds: 30,
	maxSendsPerPhonePer10Min: 5,
	maxSendsPerIpPer10Min: 20,
	sessionTtlSeconds: 86_400,
});

/** Longest password accepted: the hash's cost does not depend on it, but parsing megabytes would. */
export const MAX_PASSWORD_LENGTH = 256;

const LIMITS: Record<keyof MemberPolicy, { min: number; max: number }> = {
	minPasswordLength: { min: 1, max: MAX_PASSWORD_LENGTH },
	maxFailedLogins: { min: 1, max: 1_000 },
	lockMinutes: { min: 1, max: 525_600 },
	challengeTtlMinutes: { min: 1, max: 1_440 },
	maxCodeAttempts: { min: 1, max: 100 },
	resendCooldownSeconds: { min: 0, max: 86_400 },
	maxSendsPerPhonePer10Min: { min: 1, max: 10_000 },
	maxSendsPerIpPer10Min: { min: 1, max: 1_000_000 },
	sessionTtlSeconds: { min: 60, max: 31_536_000 },
};

/** Every knob's name, in a stable order. */
export const POLICY_NAMES = Object.keys(LIMITS) as Array<keyof MemberPolicy>;

/** Fills in the defaults; a value that is not a whole number in range is a setup mistake, not a user outcome. */
export function resolvePolicy(overrides: Partial<MemberPolicy> = {}): MemberPolicy {
	const policy = { ...DEFAULT_MEMBER_POLICY };
	for (const name of POLICY_NAMES) {
		const value = overrides[name];
		if (value === undefined) continue;
		const { min, max } = LIMITS[name];
		if (!Number.isInteger(value) || value < min || value > max) {
			throw new ConfigurationError(
				'INVALID_POLICY',
				`The member policy value ${name} must be a whole number from ${min} to ${max}.`,
			);
		}
		policy[name] = value;
	}
	return policy;
}
