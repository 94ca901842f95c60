/**
 * Phone numbers: E.164 in, or a national number plus an ISO 3166-1 alpha-2 or alpha-3 country; E.164 out.
 * Invalid numbers are refused with INVALID_PHONE before anything is sent.
 */
import { OutcomeError } from './errors';
import { maskEmail } from './emails';

type PhoneLibrary = typeof import('../vendor/phone');

let phoneLibrary: Promise<PhoneLibrary> | undefined;

/** libphonenumber's max metadata is about 150 KB: load it the first time a phone is handled, not at n8n start-up. */
export function loadPhoneLibrary(): Promise<PhoneLibrary> {
	phoneLibrary ??= import('../vendor/phone');
	return phoneLibrary;
}

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

/** Normalises an alpha-2 or alpha-3 country code to alpha-2; undefined when empty. Throws INVALID_PHONE if unknown. */
export async function toAlpha2(country: string | undefined): Promise<string | undefined> {
	const trimmed = (country ?? '').trim().toUpperCase();
	if (!trimmed) return undefined;
	const lib = await loadPhoneLibrary();
	const alpha2 = trimmed.length === 3 ? lib.countryNames.alpha3ToAlpha2(trimmed) : trimmed;
	if (!alpha2 || !lib.isSupportedCountry(alpha2)) {
		throw new OutcomeError('INVALID_PHONE', `Unknown country "${country}". Use an ISO 3166-1 alpha-2 or alpha-3 code.`);
	}
	return alpha2;
}

export async function parsePhone(input: unknown, country?: string): Promise<ParsedPhone> {
	if (typeof input !== 'string' && typeof input !== 'number') {
		throw new OutcomeError('INVALID_PHONE', 'A phone number is required.');
	}
	const raw = String(input).trim();
	if (!raw) throw new OutcomeError('INVALID_PHONE', 'A phone number is required.');
	if (raw.length > MAX_PHONE_INPUT_LENGTH) throw new OutcomeError('INVALID_PHONE', 'The phone number is too long.');

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
