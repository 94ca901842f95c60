/**
 * Phone numbers: E.164 in, or a national number plus an ISO 3166-1 alpha-2 or alpha-3 country; E.164 out.
 * Invalid numbers are refused with INVALID_PHONE before anything is sent. Every reader here takes what a request gave
 * (any JSON type, any length) and answers with a value or an OutcomeError, never a TypeError.
 */
import { OutcomeError } from './errors';
import { maskEmail } from './emails';
import { PHONE_CHANNELS, type PhoneChannel } from './members/types';
import { loadOnce } from './loadOnce';

type PhoneLibrary = typeof import('../vendor/phone');

/** libphonenumber's max metadata is about 150 KB: load it the first time a phone is handled, not at n8n start-up. */
export const loadPhoneLibrary: () => Promise<PhoneLibrary> = loadOnce(() => import('../vendor/phone'));

export interface ParsedPhone {
	/** +14155550123 */
	e164: string;
	/** ISO alpha-2 country the number belongs to, when known */
	country?: string;
}

export interface Country {
	label: string;
	value: string;
	alpha3: string;
	dialCode: string;
}

const MAX_PHONE_INPUT_LENGTH = 40;
/** Control, format (zero-width, bidi) and lone surrogate characters. */
const HIDDEN_CHARACTERS = /[\p{Cc}\p{Cf}\p{Cs}]/u;
/** ISO 3166-1 alpha-2 or alpha-3. */
export const MAX_COUNTRY_LENGTH = 3;
const COUNTRY_FORMAT = new RegExp(`^[A-Za-z]{2,${MAX_COUNTRY_LENGTH}}$`);

function isMissing(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** The country as given, trimmed; undefined when empty. Anything but a string of up to three letters is INVALID_PHONE. */
export function readCountry(value: unknown): string | undefined {
	if (isMissing(value)) return undefined;
	// Measured before trimming too, so a huge value is refused without copying it.
	const country = typeof value === 'string' && value.length <= MAX_COUNTRY_LENGTH * 4 ? value.trim() : '';
	if (!COUNTRY_FORMAT.test(country)) {
		throw new OutcomeError('INVALID_PHONE', 'The country must be an ISO 3166-1 alpha-2 or alpha-3 code.');
	}
	return country;
}

/** How a code reaches a phone: `fallback` when not given; anything but one of PHONE_CHANNELS is INVALID_INPUT. */
export function readChannel(value: unknown, fallback: PhoneChannel = 'sms'): PhoneChannel {
	if (value === undefined || value === null || value === '') return fallback;
	if (typeof value === 'string' && (PHONE_CHANNELS as readonly string[]).includes(value)) return value as PhoneChannel;
	throw new OutcomeError('INVALID_INPUT', `The channel must be one of: ${PHONE_CHANNELS.join(', ')}.`);
}

/** Normalises an alpha-2 or alpha-3 country code to alpha-2; undefined when empty. Throws INVALID_PHONE if unknown. */
export async function toAlpha2(value: unknown): Promise<string | undefined> {
	const country = readCountry(value)?.toUpperCase();
	if (!country) return undefined;
	const lib = await loadPhoneLibrary();
	const alpha2 = country.length === 3 ? lib.countryNames.alpha3ToAlpha2(country) : country;
	if (!alpha2 || !lib.isSupportedCountry(alpha2)) {
		throw new OutcomeError('INVALID_PHONE', `Unknown country "${country}". Use an ISO 3166-1 alpha-2 or alpha-3 code.`);
	}
	return alpha2;
}

/** A phone number as text, or as a whole number of digits (a JSON body may carry it so). */
function phoneText(input: unknown): string {
	if (isMissing(input)) throw new OutcomeError('INVALID_PHONE', 'A phone number is required.');
	if (typeof input === 'number' && Number.isSafeInteger(input) && input > 0) return String(input);
	if (typeof input !== 'string') throw new OutcomeError('INVALID_PHONE', 'The phone number must be text.');
	// Measured before trimming too, so a huge value is refused without copying it.
	const raw = input.length > MAX_PHONE_INPUT_LENGTH * 4 ? input : input.trim();
	if (raw.length > MAX_PHONE_INPUT_LENGTH) throw new OutcomeError('INVALID_PHONE', 'The phone number is too long.');
	// libphonenumber skips what it does not read; hidden characters (NUL, bidi overrides, lone surrogates) are refused.
	if (HIDDEN_CHARACTERS.test(raw)) throw new OutcomeError('INVALID_PHONE', 'This phone number is not valid.');
	return raw;
}

/** The phone, E.164, with its country. `country` is what the request gave, checked by readCountry. */
export async function parsePhone(input: unknown, country?: unknown): Promise<ParsedPhone> {
	const raw = phoneText(input);

	const lib = await loadPhoneLibrary();
	const defaultCountry = await toAlpha2(country);
	const international = raw.startsWith('+') || raw.startsWith('00');
	if (!international && !defaultCountry) {
		throw new OutcomeError(
			'INVALID_PHONE',
			'Give the phone number in international format (+14155550123) or add its country.',
		);
	}
	const normalised = raw.startsWith('00') ? `+${raw.slice(2)}` : raw;
	const parsed = lib.parsePhoneNumberFromString(normalised, defaultCountry as Parameters<typeof lib.parsePhoneNumberFromString>[1]);
	if (!parsed || !parsed.isValid()) {
		throw new OutcomeError('INVALID_PHONE', 'This phone number is not valid.');
	}
	return { e164: parsed.number, country: parsed.country };
}

/** "+14155550123" → "+1 ••• ••• 0123": enough for a person to recognise their phone, not enough to harvest it. */
export function maskPhone(e164: string): string {
	const digits = e164.replace(/\D/g, '');
	if (digits.length < 6) return '•'.repeat(digits.length);
	const lastFour = digits.slice(-4);
	return `+${digits.slice(0, digits.length > 11 ? 2 : 1)} ••• ••• ${lastFour}`;
}

export function maskRecipient(recipient: string): string {
	return recipient.includes('@') ? maskEmail(recipient) : maskPhone(recipient);
}

export const RECIPIENT_TYPES = ['phone', 'email'] as const;
export type RecipientType = (typeof RECIPIENT_TYPES)[number];

/** "Send To": `phone` when not given; anything but phone or email is INVALID_INPUT. */
export function readRecipientType(value: unknown): RecipientType {
	if (value === undefined || value === null || value === '') return 'phone';
	if (typeof value === 'string' && (RECIPIENT_TYPES as readonly string[]).includes(value)) return value as RecipientType;
	throw new OutcomeError('INVALID_INPUT', `Send To must be one of: ${RECIPIENT_TYPES.join(', ')}.`);
}

/** Countries for a phone-country dropdown, sorted by their English name. */
export async function listCountries(): Promise<Country[]> {
	const lib = await loadPhoneLibrary();
	const countries: Country[] = [];
	for (const alpha2 of lib.getCountries()) {
		const label = lib.countryNames.getName(alpha2, 'en');
		const alpha3 = lib.countryNames.alpha2ToAlpha3(alpha2);
		// libphonenumber also knows territories without an ISO name (e.g. AC, TA): skip them for the dropdown.
		if (!label || !alpha3) continue;
		countries.push({ label, value: alpha2, alpha3, dialCode: `+${lib.getCountryCallingCode(alpha2)}` });
	}
	return countries.sort((a, b) => a.label.localeCompare(b.label, 'en'));
}
