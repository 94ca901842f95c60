/**
 * Checks of what end users send, before anything touches the store or Verify. Oversized input is refused early, and
 * values are only ever bound as SQL parameters.
 */
import { OutcomeError } from '../errors';
import { MAX_EMAIL_LENGTH } from '../emails';
import { MAX_COUNTRY_LENGTH } from '../phones';
import { MAX_PASSWORD_LENGTH } from './policy';
// Readers the Verify nodes share live next to what they read; the flows take them from here.
export { readCode } from '../codes';
export { normaliseEmail as readEmail } from '../emails';
export { readChannel, readCountry } from '../phones';

export const INPUT_LIMITS = {
	email: MAX_EMAIL_LENGTH,
	password: MAX_PASSWORD_LENGTH,
	id: 100,
	country: MAX_COUNTRY_LENGTH,
} as const;

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
