/**
 * Fifth layer of the state engine (see serviceState.ts): Entities, their TOTP Factors and Challenges, as Verify TOTP
 * has them. A wrong code is an answer, not an error: a factor stays `unverified`, a challenge stays `pending`.
 */
import { AccountState } from './accountState';
import { TwilioError, twilioErrors } from './errors';
import { RequestParams } from './params';
import type { ChallengeRecord, ChallengeStatus, EntityRecord, FactorRecord, TotpConfig } from './records';
import type { ParamsSource } from './serviceState';
import { base32Decode, newTotpSecret, totpCode, totpMatches } from './totp';
import { newSid } from './values';

/** 8-64 characters of dash-separated letters and digits (Twilio's rule for an Entity identity). */
const IDENTITY_PATTERN = /^(?=.{8,64}$)[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$/;
const FRIENDLY_NAME_MAX = 64;
const AUTH_PAYLOAD_PATTERN = /^.{3,8}$/s;
const TOTP_ALGORITHMS = ['sha1', 'sha256', 'sha512'] as const;
const CHALLENGE_STATUSES: readonly ChallengeStatus[] = ['pending', 'expired', 'approved', 'denied'];
/** A challenge lives five minutes unless ExpirationDate says otherwise, and at most an hour. */
const CHALLENGE_TTL_MS = 5 * 60 * 1000;
const CHALLENGE_MAX_TTL_MS = 60 * 60 * 1000;

/** Reads with RequestParams, answering 60306 (this API's "invalid request") where Verify's older resources say 60200. */
function read<T>(reader: () => T): T {
	try {
		return reader();
	} catch (error) {
		if (error instanceof TwilioError && error.code === 60200) throw new TwilioError(400, 60306, error.message);
		throw error;
	}
}

function readIdentity(identity: string): string {
	if (!IDENTITY_PATTERN.test(identity)) throw twilioErrors.invalidRequest('Identity');
	return identity;
}

function readAuthPayload(params: RequestParams): string | undefined {
	const payload = params.string('AuthPayload');
	if (payload !== undefined && !AUTH_PAYLOAD_PATTERN.test(payload)) throw twilioErrors.invalidRequest('AuthPayload');
	return payload;
}

/** Config.* of a factor; `defaults` fills what the request leaves out. */
function readTotpConfig(params: RequestParams, defaults: TotpConfig): TotpConfig {
	return {
		timeStep: read(() => params.integer('Config.TimeStep', { min: 20, max: 60 })) ?? defaults.timeStep,
		skew: read(() => params.integer('Config.Skew', { min: 0, max: 2 })) ?? defaults.skew,
		codeLength: read(() => params.integer('Config.CodeLength', { min: 3, max: 8 })) ?? defaults.codeLength,
		alg: read(() => params.oneOf('Config.Alg', TOTP_ALGORITHMS)) ?? defaults.alg,
	};
}

export class FactorState extends AccountState {
	// --- Entities ---

	createEntity(accountSid: string, serviceSid: string, rawParams: ParamsSource): EntityRecord {
		this.getService(accountSid, serviceSid);
		const identity = readIdentity(new RequestParams(rawParams).requiredString('Identity'));
		if (this.entities.has(`${serviceSid}/${identity}`)) throw twilioErrors.entityExists();
		return this.addEntity(accountSid, serviceSid, identity);
	}

	private addEntity(accountSid: string, serviceSid: string, identity: string): EntityRecord {
		const time = this.currentTime();
		const entity: EntityRecord = { sid: newSid('YE'), serviceSid, accountSid, identity, createdAt: time, updatedAt: time };
		this.entities.set(`${serviceSid}/${identity}`, entity);
		return entity;
	}

	listEntities(accountSid: string, serviceSid: string): EntityRecord[] {
		this.getService(accountSid, serviceSid);
		return [...this.entities.values()].filter((entity) => entity.serviceSid === serviceSid);
	}

	getEntity(accountSid: string, serviceSid: string, identity: string): EntityRecord {
		this.getService(accountSid, serviceSid);
		const entity = this.entities.get(`${serviceSid}/${readIdentity(identity)}`);
		if (!entity) throw twilioErrors.notFound();
		return entity;
	}

	/** Takes the entity's factors and challenges with it. */
	deleteEntity(accountSid: string, serviceSid: string, identity: string): void {
		const entity = this.getEntity(accountSid, serviceSid, identity);
		this.entities.delete(`${serviceSid}/${entity.identity}`);
		for (const collection of [this.factors, this.challenges]) {
			for (const [sid, record] of collection) if (record.entitySid === entity.sid) collection.delete(sid);
		}
	}

	// --- Factors ---

	/** A new TOTP factor, unverified; the entity is created on the way when it does not exist yet (as Twilio does). */
	createFactor(accountSid: string, serviceSid: string, identity: string, rawParams: ParamsSource): FactorRecord {
		const service = this.getService(accountSid, serviceSid);
		readIdentity(identity);
		const params = new RequestParams(rawParams);
		const friendlyName = params.requiredString('FriendlyName');
		if (friendlyName.length > FRIENDLY_NAME_MAX) throw twilioErrors.invalidRequest('FriendlyName');
		const factorType = params.requiredString('FactorType');
		if (factorType !== 'totp') throw twilioErrors.invalidRequest('FactorType');
		const { totp } = service.settings;
		const config = readTotpConfig(params, {
			timeStep: totp.time_step ?? 30,
			skew: totp.skew ?? 1,
			codeLength: totp.code_length ?? 6,
			alg: 'sha1',
		});
		const secret = params.string('Binding.Secret') ?? newTotpSecret();
		try {
			if (base32Decode(secret).length < 10) throw new RangeError('too short');
		} catch {
			throw twilioErrors.invalidRequest('Binding.Secret');
		}
		const entity = this.entities.get(`${serviceSid}/${identity}`) ?? this.addEntity(accountSid, serviceSid, identity);
		const time = this.currentTime();
		const factor: FactorRecord = {
			sid: newSid('YF'),
			serviceSid,
			accountSid,
			entitySid: entity.sid,
			identity,
			friendlyName,
			status: 'unverified',
			secret: secret.replace(/[\s=]/g, '').toUpperCase(),
			config,
			createdAt: time,
			updatedAt: time,
		};
		this.factors.set(factor.sid, factor);
		return factor;
	}

	listFactors(accountSid: string, serviceSid: string, identity: string): FactorRecord[] {
		const entity = this.getEntity(accountSid, serviceSid, identity);
		return [...this.factors.values()].filter((factor) => factor.entitySid === entity.sid);
	}

	getFactor(accountSid: string, serviceSid: string, identity: string, factorSid: string): FactorRecord {
		const entity = this.getEntity(accountSid, serviceSid, identity);
		const factor = this.factors.get(factorSid);
		if (!factor || factor.entitySid !== entity.sid) throw twilioErrors.notFound();
		return factor;
	}

	/** AuthPayload verifies a new factor when it is a current code; a wrong one leaves it unverified (200 either way). */
	updateFactor(accountSid: string, serviceSid: string, identity: string, factorSid: string, rawParams: ParamsSource): FactorRecord {
		const factor = this.getFactor(accountSid, serviceSid, identity, factorSid);
		const params = new RequestParams(rawParams);
		const authPayload = readAuthPayload(params);
		const friendlyName = params.string('FriendlyName');
		if (friendlyName !== undefined && (friendlyName === '' || friendlyName.length > FRIENDLY_NAME_MAX)) {
			throw twilioErrors.invalidRequest('FriendlyName');
		}
		const config = readTotpConfig(params, factor.config);
		if (friendlyName !== undefined) factor.friendlyName = friendlyName;
		factor.config = config;
		if (authPayload !== undefined && factor.status === 'unverified' && this.codeMatches(factor, authPayload)) {
			factor.status = 'verified';
		}
		factor.updatedAt = this.currentTime();
		return factor;
	}

	deleteFactor(accountSid: string, serviceSid: string, identity: string, factorSid: string): void {
		const factor = this.getFactor(accountSid, serviceSid, identity, factorSid);
		this.factors.delete(factor.sid);
		for (const [sid, challenge] of this.challenges) if (challenge.factorSid === factor.sid) this.challenges.delete(sid);
	}

	private codeMatches(factor: FactorRecord, code: string): boolean {
		const { timeStep, skew, codeLength, alg } = factor.config;
		return totpMatches(factor.secret, code, this.currentTime(), { step: timeStep, skew, digits: codeLength, alg });
	}

	/** The code an authenticator app shows for a factor right now (sandbox clock), for tests and the demo. */
	currentTotpCode(factorSid: string): { factor: FactorRecord; code: string } | undefined {
		const factor = this.factors.get(factorSid);
		if (!factor) return undefined;
		const { timeStep, codeLength, alg } = factor.config;
		return { factor, code: totpCode(factor.secret, this.currentTime(), { step: timeStep, digits: codeLength, alg }) };
	}

	// --- Challenges ---

	/** A TOTP challenge; with AuthPayload it is answered at once: `approved` for a current code, else still `pending`. */
	createChallenge(accountSid: string, serviceSid: string, identity: string, rawParams: ParamsSource): ChallengeRecord {
		const entity = this.getEntity(accountSid, serviceSid, identity);
		const params = new RequestParams(rawParams);
		params.requiredString('FactorSid');
		const factorSid = read(() => params.sid('FactorSid', 'YF')) as string;
		const authPayload = readAuthPayload(params);
		const hiddenDetails = read(() => params.jsonObject('HiddenDetails')) ?? null;
		const time = this.currentTime();
		const expiresAt = this.readExpiration(params.string('ExpirationDate'), time);
		const factor = this.getFactor(accountSid, serviceSid, identity, factorSid);
		if (factor.status !== 'verified') throw twilioErrors.factorUnverified();
		const challenge: ChallengeRecord = {
			sid: newSid('YC'),
			serviceSid,
			accountSid,
			entitySid: entity.sid,
			identity: entity.identity,
			factorSid,
			status: 'pending',
			hiddenDetails,
			respondedAt: null,
			expiresAt,
			createdAt: time,
			updatedAt: time,
		};
		if (authPayload !== undefined) this.answer(challenge, factor, authPayload);
		this.challenges.set(challenge.sid, challenge);
		return challenge;
	}

	private readExpiration(value: string | undefined, now: number): number {
		if (value === undefined) return now + CHALLENGE_TTL_MS;
		const time = Date.parse(value);
		if (!Number.isFinite(time) || time <= now || time > now + CHALLENGE_MAX_TTL_MS) {
			throw twilioErrors.invalidRequest('ExpirationDate');
		}
		return time;
	}

	private answer(challenge: ChallengeRecord, factor: FactorRecord, code: string): void {
		if (!this.codeMatches(factor, code)) return;
		challenge.status = 'approved';
		challenge.respondedAt = this.currentTime();
		challenge.updatedAt = challenge.respondedAt;
	}

	/** A pending challenge past its expiration date reads as expired from then on. */
	private refresh(challenge: ChallengeRecord): ChallengeRecord {
		if (challenge.status === 'pending' && this.currentTime() >= challenge.expiresAt) {
			challenge.status = 'expired';
			challenge.updatedAt = challenge.expiresAt;
		}
		return challenge;
	}

	getChallenge(accountSid: string, serviceSid: string, identity: string, challengeSid: string): ChallengeRecord {
		const entity = this.getEntity(accountSid, serviceSid, identity);
		const challenge = this.challenges.get(challengeSid);
		if (!challenge || challenge.entitySid !== entity.sid) throw twilioErrors.notFound();
		return this.refresh(challenge);
	}

	/** Filters FactorSid and Status; Order `asc` (default, oldest first) or `desc`. */
	listChallenges(accountSid: string, serviceSid: string, identity: string, query: URLSearchParams): ChallengeRecord[] {
		const entity = this.getEntity(accountSid, serviceSid, identity);
		const params = new RequestParams(query);
		const factorSid = read(() => params.sid('FactorSid', 'YF'));
		const status = read(() => params.oneOf('Status', CHALLENGE_STATUSES));
		const order = read(() => params.oneOf('Order', ['asc', 'desc'] as const)) ?? 'asc';
		const challenges = [...this.challenges.values()]
			.filter((challenge) => challenge.entitySid === entity.sid)
			.map((challenge) => this.refresh(challenge))
			.filter((challenge) => (!factorSid || challenge.factorSid === factorSid) && (!status || challenge.status === status));
		return order === 'desc' ? challenges.reverse() : challenges;
	}

	/** Answers a pending challenge with a code (AuthPayload); an expired one answers 60323. */
	updateChallenge(
		accountSid: string,
		serviceSid: string,
		identity: string,
		challengeSid: string,
		rawParams: ParamsSource,
	): ChallengeRecord {
		const challenge = this.getChallenge(accountSid, serviceSid, identity, challengeSid);
		const params = new RequestParams(rawParams);
		params.requiredString('AuthPayload');
		const authPayload = readAuthPayload(params) as string;
		if (challenge.status === 'expired') throw twilioErrors.challengeExpired();
		const factor = this.getFactor(accountSid, serviceSid, identity, challenge.factorSid);
		if (challenge.status === 'pending') this.answer(challenge, factor, authPayload);
		return challenge;
	}
}
