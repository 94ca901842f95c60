import { ConfigurationError } from '../../nodes/shared/core/errors';
import { isFictional, parseTestNumbers } from '../../nodes/shared/core/verify/testNumbers';

describe('test numbers', () => {
	it('accepts only numbers and addresses no one can own, by default', () => {
		expect(isFictional('+12025550123')).toBe(true);
		expect(isFictional('+447700900123')).toBe(true);
		expect(isFictional('dev@example.com')).toBe(true);
		expect(isFictional('dev@mail.example.org')).toBe(true);
		expect(isFictional('dev@app.test')).toBe(true);
		expect(isFictional('+14155552671')).toBe(false);
		expect(isFictional('+12025550200')).toBe(false);
		expect(isFictional('dev@gmail.com')).toBe(false);
		expect(isFictional('dev@example.com.attacker.net')).toBe(false);

		expect(parseTestNumbers('+12025550123=123456\ndev@example.com=654321')).toEqual(
			new Map([
				['+12025550123', '123456'],
				['dev@example.com', '654321'],
			]),
		);
		expect(() => parseTestNumbers('+14155552671=123456')).toThrow(ConfigurationError);
	});

	it('accepts a real number only when the credential allows any number', () => {
		expect(parseTestNumbers('+14155552671=123456', { allowAnyNumber: true }).get('+14155552671')).toBe('123456');
	});

	it("refuses every test number with Twilio's live API unless allowed", () => {
		expect(() => parseTestNumbers('+12025550123=123456', { liveApi: true })).toThrow(/live API/);
		expect(parseTestNumbers('', { liveApi: true }).size).toBe(0);
		expect(parseTestNumbers('+12025550123=123456', { liveApi: true, allowWithLiveApi: true }).size).toBe(1);
	});

	it('never shows a whole number or code in its error', () => {
		const error = (() => {
			try {
				parseTestNumbers('+14155552671=987654');
			} catch (failure) {
				return failure as Error;
			}
			throw new Error('expected a refusal');
		})();
		expect(error.message).not.toContain('4155552671');
		expect(error.message).not.toContain('987654');
		expect(error.message).not.toContain('7654');
	});
});
