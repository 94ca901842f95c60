/** The knobs of the member flows and their defaults (SECURITY.md explains each). */
import { ConfigurationError } from '../errors';
import { PHONE_CHANNELS, type PhoneChannel } from './types';

/** The whole-number knobs. */
export interface NumericPolicy {
	minPasswordLength: number;
	/** wrong passwords for one email from one IP address before that pair is locked for `lockMinutes` */
	maxFailedLogins: number;
	lockMinutes: number;
	/** wrong passwords for one email from all addresses together, per hour, before the email is locked */
	maxFailedLoginsPerEmailPerHour: number;
	challengeTtlMinutes: number;
	/** wrong codes before a challenge dies */
	maxCodeAttempts: number;
	/** wrong codes for one phone per hour, across all its challenges */
	maxWrongCodesPerPhonePerHour: number;
	/** minimum wait between two codes sent to one phone while a code is pending */
	resendCooldownSeconds: number;
	maxSendsPerPhonePer10Min: number;
	/** only applied when the caller's IP address is known (see trustedProxyHops) */
	maxSendsPerIpPer10Min: number;
	/** codes sent by this member store in an hour, all phones together: a budget against SMS pumping */
	maxSendsPerHour: number;
	/** how many reverse proxies of the builder's own stand in front of n8n and append to X-Forwarded-For */
	trustedProxyHops: number;
	sessionTtlSeconds: number;
	/** how long "remember this device" skips the second factor at password logins */
	trustedDeviceDays: number;
}

export interface MemberPolicy extends NumericPolicy {
	/** ISO 3166-1 alpha-2 codes codes may be sent to; empty means every country */
	allowedCountries: readonly string[];
	/** channels codes may be sent by; empty means every channel */
	allowedChannels: readonly PhoneChannel[];
}

export const DEFAULT_MEMBER_POLICY: Readonly<MemberPolicy> = Object.freeze({
	minPasswordLength: 8,
	maxFailedLogins: 5,
	lockMinutes: 15,
	maxFailedLoginsPerEmailPerHour: 20,
	challengeTtlMinutes: 10,
	maxCodeAttempts: 5,
	maxWrongCodesPerPhonePerHour: 10,
	resendCooldownSeconds: 30,
	maxSendsPerPhonePer10Min: 5,
	maxSendsPerIpPer10Min: 20,
	maxSendsPerHour: 300,
	trustedProxyHops: 1,
	sessionTtlSeconds: 86_400,
	trustedDeviceDays: 30,
	allowedCountries: Object.freeze([]),
	allowedChannels: Object.freeze([]),
});

/** Longest password accepted: the hash's cost does not depend on it, but parsing megabytes would. */
export const MAX_PASSWORD_LENGTH = 256;

const LIMITS: Record<keyof NumericPolicy, { min: number; max: number }> = {
	minPasswordLength: { min: 1, max: MAX_PASSWORD_LENGTH },
	maxFailedLogins: { min: 1, max: 1_000 },
	lockMinutes: { min: 1, max: 525_600 },
	maxFailedLoginsPerEmailPerHour: { min: 1, max: 100_000 },
	challengeTtlMinutes: { min: 1, max: 1_440 },
	maxCodeAttempts: { min: 1, max: 100 },
	maxWrongCodesPerPhonePerHour: { min: 1, max: 1_000 },
	resendCooldownSeconds: { min: 0, max: 86_400 },
	maxSendsPerPhonePer10Min: { min: 1, max: 10_000 },
	maxSendsPerIpPer10Min: { min: 1, max: 1_000_000 },
	maxSendsPerHour: { min: 1, max: 10_000_000 },
	trustedProxyHops: { min: 0, max: 10 },
	sessionTtlSeconds: { min: 60, max: 31_536_000 },
	trustedDeviceDays: { min: 1, max: 365 },
};

/** Every whole-number knob's name, in a stable order. */
export const POLICY_NAMES = Object.keys(LIMITS) as Array<keyof NumericPolicy>;

export type PolicyOverrides = Partial<Omit<MemberPolicy, 'allowedCountries' | 'allowedChannels'>> & {
	allowedCountries?: readonly string[];
	allowedChannels?: readonly string[];
};

/** Fills in the defaults; a value out of range is a setup mistake, not a user outcome. */
export function resolvePolicy(overrides: PolicyOverrides = {}): MemberPolicy {
	const policy: MemberPolicy = { ...DEFAULT_MEMBER_POLICY };
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
	if (overrides.allowedCountries !== undefined) policy.allowedCountries = readCountryList(overrides.allowedCountries);
	if (overrides.allowedChannels !== undefined) policy.allowedChannels = readChannelList(overrides.allowedChannels);
	return policy;
}

function readCountryList(countries: readonly string[]): string[] {
	const codes = countries.map((country) => String(country).trim().toUpperCase()).filter(Boolean);
	const invalid = codes.find((code) => !/^[A-Z]{2}$/.test(code));
	if (invalid !== undefined) {
		throw new ConfigurationError('INVALID_POLICY', `Allowed Countries takes ISO 3166-1 alpha-2 codes such as US or GB, not "${invalid}".`);
	}
	return [...new Set(codes)];
}

function readChannelList(channels: readonly string[]): PhoneChannel[] {
	const allowed: PhoneChannel[] = [];
	for (const channel of channels) {
		const known = PHONE_CHANNELS.find((name) => name === channel);
		if (!known) throw new ConfigurationError('INVALID_POLICY', `Allowed Channels takes ${PHONE_CHANNELS.join(', ')}.`);
		allowed.push(known);
	}
	return allowed;
}
