/**
 * The state engine: Verify v2 resources in memory, no HTTP involved. Methods take the caller's account SID and
 * Twilio-named parameters, and throw TwilioError exactly as the API would answer.
 *
 * VerifyState is the top layer (verifications) over ChallengeState, FactorState, AccountState, ConfigState,
 * RateLimitState and ServiceState; see serviceState.ts.
 */
import {
	CHECK_CODE_PATTERN,
	CUSTOM_CODE_PATTERN,
	E164_PATTERN,
	EMAIL_PATTERN,
	MAX_CHECK_ATTEMPTS,
	MAX_SEND_ATTEMPTS,
	PHONE_CHANNELS,
	REQUEST_CHANNELS,
	VERIFICATION_TTL_MS,
	type Channel,
} from './constants';
import { twilioErrors } from './errors';
import { RequestParams } from './params';
import { ChallengeState } from './challengeState';
import type {
	CodeSentEvent,
	ServiceRecord,
	VerificationExtras,
	VerificationRecord,
	VerificationStatus,
} from './records';
import type { ParamsSource } from './serviceState';
import { newSid, randomNumericCode } from './values';

export interface VerifyStateOptions {
	/** Clock in ms since epoch. Default Date.now. */
	now?: () => number;
	/** Called for every code "sent" (first send and resends). */
	onCodeSent?: (event: CodeSentEvent) => void;
}

/** A POST /Verifications request, validated. */
interface VerificationRequest {
	to: string;
	channel: Channel;
	customCode: string | undefined;
	amount: string | null;
	payee: string | null;
	rateLimits: Record<string, unknown>;
	extras: VerificationExtras;
}

export class VerifyState extends ChallengeState {
	private readonly onCodeSent: (event: CodeSentEvent) => void;

	constructor({ now = Date.now, onCodeSent = () => {} }: VerifyStateOptions = {}) {
		super(now);
		this.onCodeSent = onCodeSent;
	}

	/**
	 * POST /Verifications. While a verification to the same recipient is pending,
	 * Twilio re-sends the same code under the same SID and records another attempt.
	 */
	startVerification(accountSid: string, serviceSid: string, rawParams: ParamsSource): VerificationRecord {
		const service = this.getService(accountSid, serviceSid);
		const request = this.readVerificationRequest(service, new RequestParams(rawParams));

		const pending = this.findPendingVerification(service.sid, request.to);
		if (pending && pending.sendCodeAttempts.length >= MAX_SEND_ATTEMPTS) throw twilioErrors.maxSendAttempts();
		this.consumeRateLimits(service, request.rateLimits);

		const verification = pending || this.createVerification(service, request);
		if (pending) pending.channel = request.channel;
		this.recordSendAttempt(verification);
		return verification;
	}

	private readVerificationRequest(service: ServiceRecord, params: RequestParams): VerificationRequest {
		const to = params.requiredString('To');
		const requestedChannel = params.requiredString('Channel');
		if (!(REQUEST_CHANNELS as readonly string[]).includes(requestedChannel)) {
			throw twilioErrors.invalidParameter('Channel');
		}
		assertRecipientFitsChannel(to, requestedChannel);

		const customCode = params.string('CustomCode');
		if (customCode !== undefined) {
			if (!service.settings.custom_code_enabled) throw twilioErrors.customCodeNotAllowed();
			if (!CUSTOM_CODE_PATTERN.test(customCode)) throw twilioErrors.invalidParameter('CustomCode');
		}

		const amount = params.string('Amount');
		const payee = params.string('Payee');
		if ((amount !== undefined || payee !== undefined) && !service.settings.psd2_enabled) {
			throw twilioErrors.featureNotSupported();
		}

		// Validated and kept so tests can inspect what a client sent; they do not change behaviour.
		const extras: VerificationExtras = {
			customFriendlyName: params.string('CustomFriendlyName'),
			customMessage: params.string('CustomMessage'),
			sendDigits: params.string('SendDigits'),
			locale: params.string('Locale'),
			channelConfiguration: params.jsonObject('ChannelConfiguration'),
			appHash: params.string('AppHash'),
			templateSid: params.sid('TemplateSid', 'HJ'),
			templateCustomSubstitutions: params.jsonObject('TemplateCustomSubstitutions'),
			deviceIp: params.ipAddress('DeviceIp'),
			enableSnaClientToken: params.boolean('EnableSnaClientToken'),
			riskCheck: params.oneOf('RiskCheck', ['enable', 'disable']),
			tags: params.jsonObject('Tags'),
		};

		return {
			to,
			// `auto` lets Twilio pick; without carrier data we always pick SMS.
			channel: requestedChannel === 'auto' ? 'sms' : (requestedChannel as Channel),
			customCode,
			amount: amount === undefined ? null : amount,
			payee: payee === undefined ? null : payee,
			rateLimits: params.jsonObject('RateLimits') || {},
			extras,
		};
	}

	private createVerification(service: ServiceRecord, request: VerificationRequest): VerificationRecord {
		const time = this.currentTime();
		const verification: VerificationRecord = {
			sid: newSid('VE'),
			serviceSid: service.sid,
			accountSid: service.accountSid,
			to: request.to,
			channel: request.channel,
			status: 'pending',
			code: request.customCode || randomNumericCode(service.settings.code_length),
			amount: request.amount,
			payee: request.payee,
			lookup: lookupFor(service, request.channel),
			sendCodeAttempts: [],
			wrongChecks: 0,
			request: request.extras,
			rateLimits: request.rateLimits,
			createdAt: time,
			updatedAt: time,
		};
		this.verifications.set(verification.sid, verification);
		return verification;
	}

	private recordSendAttempt(verification: VerificationRecord): void {
		const time = this.currentTime();
		verification.sendCodeAttempts.push({ attemptSid: newSid('VL'), channel: verification.channel, time });
		verification.updatedAt = time;
		this.onCodeSent({
			code: verification.code,
			to: verification.to,
			channel: verification.channel,
			serviceSid: verification.serviceSid,
			verificationSid: verification.sid,
		});
	}

	/** GET /Verifications/{Sid}: approved, canceled and expired verifications are gone, like on Twilio. */
	getVerification(accountSid: string, serviceSid: string, verificationSid: string): VerificationRecord {
		this.getService(accountSid, serviceSid);
		const verification = this.verifications.get(verificationSid);
		if (!verification || verification.serviceSid !== serviceSid) throw twilioErrors.notFound();
		if (this.statusOf(verification) !== 'pending') throw twilioErrors.notFound();
		return verification;
	}

	/** POST /Verifications/{Sid} with Status=canceled|approved. */
	updateVerification(
		accountSid: string,
		serviceSid: string,
		verificationSid: string,
		rawParams: ParamsSource,
	): VerificationRecord {
		const params = new RequestParams(rawParams);
		const status = params.requiredString('Status');
		if (status !== 'canceled' && status !== 'approved') throw twilioErrors.invalidParameter('Status');
		const verification = this.getVerification(accountSid, serviceSid, verificationSid);
		this.setStatus(verification, status);
		return verification;
	}

	/** POST /VerificationCheck. A wrong code answers 200 with status pending. */
	checkVerification(accountSid: string, serviceSid: string, rawParams: ParamsSource): VerificationRecord {
		const service = this.getService(accountSid, serviceSid);
		const params = new RequestParams(rawParams);
		const code = params.string('Code');
		if (code === undefined || !CHECK_CODE_PATTERN.test(code)) throw twilioErrors.invalidParameter('Code');
		const verificationSid = params.sid('VerificationSid', 'VE');
		const to = params.string('To');
		if (verificationSid === undefined && !to) throw twilioErrors.invalidParameter('To');

		const verification = verificationSid
			? this.verifications.get(verificationSid)
			: this.findPendingVerification(service.sid, to as string);
		if (!verification || verification.serviceSid !== service.sid) throw twilioErrors.notFound();
		if (to && verification.to !== to) throw twilioErrors.notFound();
		if (this.statusOf(verification) !== 'pending') throw twilioErrors.notFound();

		if (verification.wrongChecks >= MAX_CHECK_ATTEMPTS) {
			// Twilio ends the verification here; later checks find nothing (20404).
			this.setStatus(verification, 'max_attempts_reached');
			throw twilioErrors.maxCheckAttempts();
		}

		if (code === verification.code && psd2DetailsMatch(verification, params)) {
			this.setStatus(verification, 'approved');
		} else {
			verification.wrongChecks += 1;
			verification.updatedAt = this.currentTime();
		}
		return verification;
	}

	findPendingVerification(serviceSid: string, to: string): VerificationRecord | undefined {
		for (const verification of this.verifications.values()) {
			if (
				verification.serviceSid === serviceSid &&
				verification.to === to &&
				this.statusOf(verification) === 'pending'
			) {
				return verification;
			}
		}
		return undefined;
	}

	/** Latest verification sent to a recipient (any status), for codes lookups in tests and demos. */
	latestVerification(to: string, serviceSid?: string): VerificationRecord | undefined {
		let latest: VerificationRecord | undefined;
		for (const verification of this.verifications.values()) {
			if (verification.to !== to) continue;
			if (serviceSid && verification.serviceSid !== serviceSid) continue;
			if (!latest || lastSendTime(verification) >= lastSendTime(latest)) latest = verification;
		}
		// Brings an expired one's status up to date before the caller reads it.
		if (latest) this.statusOf(latest);
		return latest;
	}

	/** Status with expiry applied lazily: a pending verification older than 10 minutes is expired. */
	statusOf(verification: VerificationRecord): VerificationStatus {
		const expiresAt = verification.createdAt + VERIFICATION_TTL_MS;
		if (verification.status === 'pending' && this.currentTime() >= expiresAt) {
			verification.status = 'expired';
			verification.updatedAt = expiresAt;
		}
		return verification.status;
	}

	private setStatus(verification: VerificationRecord, status: VerificationStatus): void {
		verification.status = status;
		verification.updatedAt = this.currentTime();
	}
}

function assertRecipientFitsChannel(to: string, channel: string): void {
	const fits = PHONE_CHANNELS.has(channel) ? E164_PATTERN.test(to) : EMAIL_PATTERN.test(to);
	if (!fits) throw twilioErrors.invalidRecipient(to);
}

/** With lookup enabled Twilio reports carrier info for phone numbers; we have none to give. */
function lookupFor(service: ServiceRecord, channel: Channel): Record<string, unknown> {
	if (!service.settings.lookup_enabled || channel === 'email') return {};
	return {
		carrier: { error_code: null, name: null, mobile_country_code: null, mobile_network_code: null, type: 'mobile' },
	};
}

/** A PSD2 verification only approves when the check repeats the same amount and payee. */
function psd2DetailsMatch(verification: VerificationRecord, params: RequestParams): boolean {
	if (verification.amount !== null && params.string('Amount') !== verification.amount) return false;
	if (verification.payee !== null && params.string('Payee') !== verification.payee) return false;
	return true;
}

function lastSendTime(verification: VerificationRecord): number {
	const attempts = verification.sendCodeAttempts;
	return attempts.length ? attempts[attempts.length - 1].time : verification.createdAt;
}
