/**
 * Checks of what end users send, before anything touches the store or Verify. Oversized input is refused early, and
 * values are only ever bound as SQL parameters.
 */
import { isIP } from 'node:net';
import { OutcomeError } from '../errors';
import { normaliseEmail } from '../emails';
export { readCode } from '../codes';
import { MAX_PASSWORD_LENGTH } from './policy';
import { PHONE_CHANNELS, type PhoneChannel } from './types';

export const INPUT_LIMITS = {
	email: 254,
	password: MAX_PASSWORD_LENGTH,
	id: 100,
	country: 3,
} as const;

export function readEmail(value: unknown): string {
	if (typeof value === 'string' && value.length > INPUT_LIMITS.email) {
		throw new OutcomeError(
			'INVALID_INPUT',
			`The email address is too long (at most ${INPUT_LIMITS.email} characters).`,
		);
	}
	return normaliseEmail(value);
}

/** A password as typed at login: required and bounded, but the length policy is not applied (it may have changed). */
export function readPassword(value: unknown): string {
	if (typeof value !== 'string' || value.length === 0)
		throw new OutcomeError('INVALID_INPUT', 'A password is required.');
	if (value.length > INPUT_LIMITS.password * 2 || [...value].length > INPUT_LIMITS.password) {
		throw new OutcomeError('INVALID_INPUT', `The password is too long (at most ${INPUT_LIMITS.password} characters).`);
	}
	return value;
}

/** Registration, login and member ids. */
export function readId(value: unknown, name: string): string {
	const id = typeof value === 'string' ? value.trim() : '';
	if (!id) throw new OutcomeError('INVALID_INPUT', `${name} is required.`);
	if (id.length > INPUT_LIMITS.id) throw new OutcomeError('INVALID_INPUT', `${name} is too long.`);
	return id;
}

export function readChannel(value: unknown, fallback: PhoneChannel = 'sms'): PhoneChannel {
	if (value === undefined || value === null || value === '') return fallback;
	if (typeof value === 'string' && (PHONE_CHANNELS as readonly string[]).includes(value)) return value as PhoneChannel;
	throw new OutcomeError('INVALID_INPUT', `The channel must be one of: ${PHONE_CHANNELS.join(', ')}.`);
}

export function readCountry(value: unknown): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value !== 'string' || value.trim().length > INPUT_LIMITS.country) {
		throw new OutcomeError('INVALID_PHONE', 'The country must be an ISO 3166-1 alpha-2 or alpha-3 code.');
	}
	return value;
}

/** The caller's IP as the workflow passes it; optional, but when given it must be an IP address. */
export function readClientIp(value: unknown): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const ip = typeof value === 'string' ? value.trim().toLowerCase() : '';
	if (!isIP(ip)) throw new OutcomeError('INVALID_INPUT', 'The client IP is not an IP address.');
	return ip;
}
