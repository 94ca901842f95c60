/**
 * The core's readers of what a request gives (any JSON type, any length): each answers with a value or an
 * OutcomeError with a stable code, never a TypeError. The Verify nodes and the member flows share them.
 */
import { readCode } from '../../nodes/shared/core/codes';
import { normaliseEmail } from '../../nodes/shared/core/emails';
import * as memberInput from '../../nodes/shared/core/members/input';
import { parsePhone, readChannel, readCountry, readRecipientType, toAlpha2 } from '../../nodes/shared/core/phones';
import { readVerificationSid } from '../../nodes/shared/core/verify/client';
import { ONE_MEGABYTE, oddValues } from '../support/oddInputs';
import { outcomeOf, settledOutcomeOf } from '../support/outcomes';

const cases = (values: Record<string, unknown>) => Object.entries(values);

/** One test per odd value, named by its key: `read` refuses each with the outcome `code`. */
function itRefusesEach(values: Record<string, unknown>, code: string, read: (value: unknown) => unknown) {
	it.each(cases(values))(`refuses %s with ${code}`, (_name, value) => {
		expect(outcomeOf(() => read(value))).toBe(code);
	});
}

describe('readCountry', () => {
	it('reads alpha-2 and alpha-3 codes, trimmed; empty means not given', () => {
		expect(readCountry(' us ')).toBe('us');
		expect(readCountry('FRA')).toBe('FRA');
		for (const empty of [undefined, null, '', '   ']) expect(readCountry(empty)).toBeUndefined();
	});

	const countries = oddValues('US', { zero: 0, false: false, one: 'U', four: 'USAX', digits: '12', fullwidth: '\uFF35\uFF33', nul: 'U\u0000' }, { nullMeansDefault: true });
	itRefusesEach(countries, 'INVALID_PHONE', readCountry);
});

describe('toAlpha2 and parsePhone take the country as the request gave it', () => {
	it('maps alpha-3 to alpha-2 and ignores empty input', async () => {
		await expect(toAlpha2('DEU')).resolves.toBe('DE');
		await expect(toAlpha2(null)).resolves.toBeUndefined();
	});

	it.each(cases(oddValues('US', { unknown: 'ZZ' })))('refuses a country given as %s with INVALID_PHONE', async (_name, country) => {
		expect(await settledOutcomeOf(parsePhone('4155552671', country))).toBe('INVALID_PHONE');
		expect(await settledOutcomeOf(toAlpha2(country))).toBe(country === null ? undefined : 'INVALID_PHONE');
	});
});

describe('parsePhone with any input shape', () => {
	it('reads a whole number as its digits', async () => {
		await expect(parsePhone(4155552671, 'US')).resolves.toMatchObject({ e164: '+14155552671' });
	});

	it.each(
		cases(
			oddValues('+14155552671', {
				zero: 0,
				negative: -4155552671,
				fraction: 4155552671.5,
				infinity: Number.POSITIVE_INFINITY,
				bidi: '+14155552671\u202E',
				zeroWidth: '+1415555\u200B2671',
				nul: '+14155552671\u0000',
				loneSurrogate: '\uD800',
				emoji: '\u260E\uFE0F',
			}),
		),
	)('refuses %s with INVALID_PHONE', async (_name, value) => {
		expect(await settledOutcomeOf(parsePhone(value, 'US'))).toBe('INVALID_PHONE');
	});

	it('refuses a megabyte quickly', async () => {
		const started = Date.now();
		expect(await settledOutcomeOf(parsePhone(' '.repeat(ONE_MEGABYTE) + '+14155552671'))).toBe('INVALID_PHONE');
		expect(Date.now() - started).toBeLessThan(500);
	});
});

describe('readChannel', () => {
	it('reads sms, call and whatsapp; empty means the fallback', () => {
		expect(readChannel('call')).toBe('call');
		expect(readChannel(undefined)).toBe('sms');
		expect(readChannel(null, 'whatsapp')).toBe('whatsapp');
		expect(readChannel('')).toBe('sms');
	});

	itRefusesEach(oddValues('sms', { email: 'email', upperCase: 'SMS', fullwidth: '\uFF53ms' }, { nullMeansDefault: true }), 'INVALID_INPUT', readChannel);
});

describe('readRecipientType', () => {
	it('reads phone and email; empty means phone', () => {
		expect(readRecipientType('email')).toBe('email');
		expect(readRecipientType(undefined)).toBe('phone');
		expect(readRecipientType(null)).toBe('phone');
	});

	itRefusesEach(oddValues('email', { fax: 'fax', fullwidth: '\uFF45mail' }, { nullMeansDefault: true }), 'INVALID_INPUT', readRecipientType);
});

describe('normaliseEmail with any input shape', () => {
	it('keeps international local parts', () => {
		expect(normaliseEmail('Élodie@Example.com')).toBe('élodie@example.com');
	});

	itRefusesEach(oddValues('alice@example.com', { bidi: 'a\u202E@example.com', nul: 'a\u0000@example.com', loneSurrogate: '\uD800@example.com' }), 'INVALID_INPUT', normaliseEmail);

	it('says a long address is too long', () => {
		expect(() => normaliseEmail(`${'a'.repeat(ONE_MEGABYTE)}@example.com`)).toThrow('too long');
	});
});

describe('readVerificationSid', () => {
	const sid = `VE${'0123456789abcdef'.repeat(2)}`;

	it('reads VE and 32 hex digits, trimmed', () => {
		expect(readVerificationSid(` ${sid} `)).toBe(sid);
	});

	itRefusesEach(oddValues(sid, { empty: '', service: `VA${sid.slice(2)}`, path: `${sid}/../x`, fullwidth: `VE${'\uFF41'.repeat(32)}` }), 'INVALID_INPUT', readVerificationSid);
});

describe('readCode with any input shape', () => {
	it.each(cases(oddValues('123456', { fullwidth: '\uFF11\uFF12\uFF13\uFF14', nul: '1234\u0000' })))('refuses %s', (_name, value) => {
		expect(outcomeOf(() => readCode(value))).toBe('INVALID_INPUT');
		expect(outcomeOf(() => readCode(value, 'INVALID_CODE'))).toBe('INVALID_CODE');
	});
});

describe('one reader per kind of value', () => {
	it('the member flows read countries, channels, emails and codes with the same readers as the Verify nodes', () => {
		expect(memberInput.readCountry).toBe(readCountry);
		expect(memberInput.readChannel).toBe(readChannel);
		expect(memberInput.readEmail).toBe(normaliseEmail);
		expect(memberInput.readCode).toBe(readCode);
	});
});
