/**
 * Test numbers with fixed codes (development only): sends to them never reach Twilio and checks compare with the fixed
 * code, so a builder can try a workflow without spending money. Every result produced through one says
 * `testNumber: true`.
 */
import { ConfigurationError, OutcomeError } from '../errors';
import type { CheckResult, CheckVerificationRequest, SendVerificationRequest, VerificationSummary } from './types';

export type TestNumbers = ReadonlyMap<string, string>;

/** Parses "+15005550006=123456" entries, one per line or comma-separated. */
export function parseTestNumbers(text: string | undefined): TestNumbers {
	const numbers = new Map<string, string>();
	for (const entry of (text ?? '').split(/[\n,;]+/)) {
		const trimmed = entry.trim();
		if (!trimmed) continue;
		const match = /^(\+[1-9]\d{6,14}|[^\s=:@]+@[^\s=:]+)\s*[=:]\s*(\d{4,10})$/.exec(trimmed);
		if (!match) {
			throw new ConfigurationError(
				'INVALID_TEST_NUMBERS',
				`Test number entry "${trimmed.replace(/\d(?=\d{4})/g, '•')}" is not "+E164=code" (code of 4 to 10 digits)`,
			);
		}
		numbers.set(match[1].toLowerCase(), match[2]);
	}
	return numbers;
}

function testSid(recipient: string): string {
	const hex = Buffer.from(recipient).toString('hex').padEnd(32, '0').slice(0, 32);
	return `VE${hex}`;
}

function testSummary(serviceSid: string, to: string, channel: string, status: string): VerificationSummary {
	return { sid: testSid(to), serviceSid, to, channel, status, valid: status === 'approved', testNumber: true };
}

export function sendToTestNumber(request: SendVerificationRequest): VerificationSummary {
	return testSummary(request.serviceSid, request.to, request.channel, 'pending');
}

export function checkTestNumber(
	request: CheckVerificationRequest,
	numbers: TestNumbers,
): CheckResult | undefined {
	const to = 'to' in request ? request.to.toLowerCase() : undefined;
	const fixedCode = to ? numbers.get(to) : undefined;
	if (!to || fixedCode === undefined) return undefined;
	if (request.code.trim() === fixedCode) {
		return { approved: true, verification: testSummary(request.serviceSid, to, 'sms', 'approved') };
	}
	return {
		approved: false,
		reason: new OutcomeError('INVALID_CODE', 'The code is not correct.'),
		verification: testSummary(request.serviceSid, to, 'sms', 'pending'),
	};
}
