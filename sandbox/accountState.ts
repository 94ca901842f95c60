/**
 * Fourth layer of the state engine (see serviceState.ts): what belongs to the account rather than one Service — the
 * Safe List, the verification templates and the verification attempts (read from the verifications of every Service).
 */
import { ConfigState } from './configState';
import { countryOfNumber } from './countries';
import { E164_PATTERN } from './constants';
import { twilioErrors } from './errors';
import { RequestParams } from './params';
import type { SafeListRecord, VerificationRecord } from './records';
import type { ParamsSource } from './serviceState';
import { newSid } from './values';

/** One code sent, as the Verification Attempts API shows it. */
export interface AttemptView {
	sid: string;
	accountSid: string;
	serviceSid: string;
	verificationSid: string;
	channel: string;
	to: string;
	country: string | null;
	codeLength: number;
	locale: string;
	/** The attempt whose code approved the verification (its last one). */
	converted: boolean;
	createdAt: number;
	updatedAt: number;
}

export interface AttemptsSummary {
	totalAttempts: number;
	totalConverted: number;
	totalUnconverted: number;
	conversionRatePercentage: string;
}

/** A pre-approved template as Twilio lists it. */
export interface TemplateView {
	sid: string;
	accountSid: string;
	friendlyName: string;
	channels: string[];
	text: string;
}

/** Channels the attempts API knows (silent network auth attempts are not listed). */
const ATTEMPT_CHANNELS = ['sms', 'call', 'email', 'whatsapp', 'rbm'] as const;
const CONVERSION_STATUSES = ['converted', 'unconverted'] as const;

/** Twilio's pre-approved templates are the same for every account; the sandbox offers these. */
const TEMPLATES: ReadonlyArray<Omit<TemplateView, 'accountSid'>> = [
	{
		sid: 'HJ' + '0'.repeat(31) + '1',
		friendlyName: 'Base Verification Template 2 with do not share',
		channels: ['sms'],
		text: 'Your {{friendly_name}} verification code is: {{code}}. Do not share this code with anyone.',
	},
	{
		sid: 'HJ' + '0'.repeat(31) + '2',
		friendlyName: 'Base Verification Template 3',
		channels: ['sms', 'voice'],
		text: 'Your verification code is: {{code}}. Do not share it.',
	},
	{
		sid: 'HJ' + '0'.repeat(31) + '3',
		friendlyName: 'WhatsApp Verification Template',
		channels: ['whatsapp'],
		text: '{{code}} is your verification code. For your security, do not share this code.',
	},
];

/** ISO 8601 date-time filters (DateCreatedAfter/Before); anything else is 60200. */
function readDate(params: RequestParams, name: string): number | undefined {
	const value = params.string(name);
	if (value === undefined) return undefined;
	const time = /^\d{4}-\d{2}-\d{2}T/.test(value) ? Date.parse(value) : Number.NaN;
	if (Number.isNaN(time)) throw twilioErrors.invalidParameter(name);
	return time;
}

/** The filters the list and the summary share. */
function attemptFilter(params: RequestParams): (attempt: AttemptView) => boolean {
	const after = readDate(params, 'DateCreatedAfter');
	const before = readDate(params, 'DateCreatedBefore');
	const country = params.string('Country');
	const channel = params.oneOf('Channel', ATTEMPT_CHANNELS);
	const serviceSid = params.sid('VerifyServiceSid', 'VA');
	return (attempt) =>
		(after === undefined || attempt.createdAt >= after) &&
		(before === undefined || attempt.createdAt <= before) &&
		(country === undefined || attempt.country === country.toUpperCase()) &&
		(channel === undefined || attempt.channel === channel) &&
		(serviceSid === undefined || attempt.serviceSid === serviceSid);
}

function attemptsOf(verification: VerificationRecord): AttemptView[] {
	if (verification.channel === 'sna') return [];
	const last = verification.sendCodeAttempts.length - 1;
	return verification.sendCodeAttempts.map((attempt, index) => {
		const converted = index === last && verification.status === 'approved';
		return {
			sid: attempt.attemptSid,
			accountSid: verification.accountSid,
			serviceSid: verification.serviceSid,
			verificationSid: verification.sid,
			channel: attempt.channel,
			to: verification.to,
			country: countryOfNumber(verification.to),
			codeLength: verification.code.length,
			locale: verification.request.locale ?? 'en',
			converted,
			createdAt: attempt.time,
			updatedAt: converted ? verification.updatedAt : attempt.time,
		};
	});
}

export class AccountState extends ConfigState {
	// --- Safe List ---

	/** Adding a number already on the list answers its existing entry. */
	addToSafeList(accountSid: string, rawParams: ParamsSource): SafeListRecord {
		const phoneNumber = new RequestParams(rawParams).requiredString('PhoneNumber');
		if (!E164_PATTERN.test(phoneNumber)) throw twilioErrors.invalidParameter('PhoneNumber');
		const key = `${accountSid}/${phoneNumber}`;
		let entry = this.safeList.get(key);
		if (!entry) {
			entry = { sid: newSid('GN'), accountSid, phoneNumber };
			this.safeList.set(key, entry);
		}
		return entry;
	}

	getSafeListNumber(accountSid: string, phoneNumber: string): SafeListRecord {
		const entry = this.safeList.get(`${accountSid}/${phoneNumber}`);
		if (!entry) throw twilioErrors.notFound();
		return entry;
	}

	removeFromSafeList(accountSid: string, phoneNumber: string): void {
		this.getSafeListNumber(accountSid, phoneNumber);
		this.safeList.delete(`${accountSid}/${phoneNumber}`);
	}

	// --- Templates ---

	/** FriendlyName filters by a case-insensitive part of the name. */
	listTemplates(accountSid: string, query: ParamsSource): TemplateView[] {
		const name = new RequestParams(query).string('FriendlyName')?.toLowerCase();
		return TEMPLATES.filter((template) => !name || template.friendlyName.toLowerCase().includes(name)).map(
			(template) => ({ ...template, accountSid }),
		);
	}

	// --- Verification attempts ---

	/** Every attempt of the account, newest first. */
	private allAttempts(accountSid: string): AttemptView[] {
		return [...this.verifications.values()]
			.filter((verification) => verification.accountSid === accountSid)
			.flatMap(attemptsOf)
			.sort((a, b) => b.createdAt - a.createdAt);
	}

	listAttempts(accountSid: string, query: ParamsSource): AttemptView[] {
		const params = new RequestParams(query);
		const matches = attemptFilter(params);
		const to = params.string('ChannelData.To');
		const verificationSid = params.sid('VerificationSid', 'VE');
		const status = params.oneOf('Status', CONVERSION_STATUSES);
		return this.allAttempts(accountSid).filter(
			(attempt) =>
				matches(attempt) &&
				(to === undefined || attempt.to === to) &&
				(verificationSid === undefined || attempt.verificationSid === verificationSid) &&
				(status === undefined || attempt.converted === (status === 'converted')),
		);
	}

	getAttempt(accountSid: string, attemptSid: string): AttemptView {
		const attempt = this.allAttempts(accountSid).find((candidate) => candidate.sid === attemptSid);
		if (!attempt) throw twilioErrors.notFound();
		return attempt;
	}

	summarizeAttempts(accountSid: string, query: ParamsSource): AttemptsSummary {
		const params = new RequestParams(query);
		const matches = attemptFilter(params);
		const prefix = params.string('DestinationPrefix');
		const attempts = this.allAttempts(accountSid).filter(
			(attempt) => matches(attempt) && (prefix === undefined || attempt.to.startsWith(prefix)),
		);
		const totalConverted = attempts.filter((attempt) => attempt.converted).length;
		const rate = attempts.length ? (totalConverted / attempts.length) * 100 : 0;
		return {
			totalAttempts: attempts.length,
			totalConverted,
			totalUnconverted: attempts.length - totalConverted,
			conversionRatePercentage: String(Number(rate.toFixed(9))),
		};
	}
}
