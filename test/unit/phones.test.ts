import { maskEmail, normaliseEmail } from '../../nodes/shared/core/emails';
import { listCountries, maskPhone, parsePhone, toAlpha2 } from '../../nodes/shared/core/phones';
import { settledOutcomeOf } from '../support/outcomes';

describe('parsePhone', () => {
	it('accepts E.164 and returns it with its country', async () => {
		await expect(parsePhone('+14155552671')).resolves.toEqual({ e164: '+14155552671', country: 'US' });
	});

	it('accepts a national number with an alpha-2 or alpha-3 country', async () => {
		await expect(parsePhone('06 12 34 56 78', 'FR')).resolves.toMatchObject({ e164: '+33612345678' });
		await expect(parsePhone('(415) 555-2671', 'usa')).resolves.toMatchObject({ e164: '+14155552671' });
		await expect(parsePhone('020 7946 0958', 'GBR')).resolves.toMatchObject({ e164: '+442079460958' });
	});

	it('accepts the 00 international prefix', async () => {
		await expect(parsePhone('0033612345678')).resolves.toMatchObject({ e164: '+33612345678' });
	});

	it.each([
		['', undefined],
		['12', undefined],
		['+1415555', undefined],
		['not a phone', 'US'],
		['0612345678', undefined],
		['0612345678', 'XX'],
		['0612345678', 'ZZZ'],
		['+1'.padEnd(60, '5'), undefined],
	])('refuses %j (country %j) with INVALID_PHONE', async (input, country) => {
		expect(await settledOutcomeOf(parsePhone(input, country))).toBe('INVALID_PHONE');
	});

	it('refuses values that are not strings', async () => {
		expect(await settledOutcomeOf(parsePhone({ phone: '+14155552671' }))).toBe('INVALID_PHONE');
		expect(await settledOutcomeOf(parsePhone(undefined))).toBe('INVALID_PHONE');
	});

	it('uses the max metadata: a number with a valid length but an unassigned range is refused', async () => {
		// +1 555 0100 numbers are fictional (reserved), so a real validator rejects them.
		expect(await settledOutcomeOf(parsePhone('+15550100000'))).toBe('INVALID_PHONE');
	});
});

describe('toAlpha2', () => {
	it('maps alpha-3 to alpha-2 and ignores empty input', async () => {
		await expect(toAlpha2('DEU')).resolves.toBe('DE');
		await expect(toAlpha2(' de ')).resolves.toBe('DE');
		await expect(toAlpha2('')).resolves.toBeUndefined();
	});
});

describe('masking', () => {
	it('keeps the country code and the last four digits of a phone', () => {
		expect(maskPhone('+14155552671')).toBe('+1 ••• ••• 2671');
		expect(maskPhone('+33612345678')).toBe('+3 ••• ••• 5678');
		expect(maskPhone('+4915123456789')).toBe('+49 ••• ••• 6789');
	});

	it('keeps the first letter and the domain of an email', () => {
		expect(maskEmail('alice@example.com')).toBe('a••••@example.com');
	});
});

describe('normaliseEmail', () => {
	it('trims and lower-cases', () => {
		expect(normaliseEmail('  Alice@Example.COM ')).toBe('alice@example.com');
	});

	it.each(['', 'alice', 'alice@', '@example.com', 'a b@example.com', `${'a'.repeat(250)}@example.com`, 42])(
		'refuses %j with INVALID_INPUT',
		(input) => {
			expect(() => normaliseEmail(input)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
		},
	);
});

describe('listCountries', () => {
	it('lists countries with label, alpha-2, alpha-3 and dial code, sorted by label', async () => {
		const countries = await listCountries();
		expect(countries.length).toBeGreaterThan(200);
		expect(countries).toContainEqual({ label: 'France', value: 'FR', alpha3: 'FRA', dialCode: '+33' });
		expect(countries).toContainEqual(expect.objectContaining({ value: 'US', alpha3: 'USA', dialCode: '+1' }));
		const labels = countries.map((country) => country.label);
		expect(labels).toEqual([...labels].sort((a, b) => a.localeCompare(b, 'en')));
		expect(new Set(countries.map((country) => country.value)).size).toBe(countries.length);
	});
});
