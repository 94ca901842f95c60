/** Values in Twilio's formats: SIDs, one-time codes, dates. */
import * as crypto from 'node:crypto';

/** Twilio SIDs: two-letter prefix + 32 lowercase hex characters. */
export function newSid(prefix: string): string {
	return prefix + crypto.randomBytes(16).toString('hex');
}

export function randomNumericCode(length: number): string {
	let code = '';
	for (let i = 0; i < length; i += 1) code += String(crypto.randomInt(0, 10));
	return code;
}

/** Twilio sends ISO 8601 without milliseconds: 2015-07-30T20:00:00Z. */
export function formatTwilioDate(ms: number): string {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
