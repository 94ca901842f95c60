/**
 * Fifth layer of the state engine (see serviceState.ts): Entities and their TOTP Factors, as Verify TOTP has them.
 * A wrong code is an answer, not an error: a factor stays `unverified`. Challenges: challengeState.ts.
 */
import { AccountState } from './accountState';
import { TwilioError, twilioErrors } from './errors';
import { RequestParams, readIdentity } from './params';
import type { EntityRecord, FactorRecord, TotpConfig } from './records';
import type { ParamsSource } from './serviceState';
import { base32Decode, newTotpSecret, totpCode, totpMatches } from './totp';
import { newSid } from './values';

const FRIENDLY_NAME_MAX = 64;
const AUTH_PAYLOAD_PATTERN = /^.{3,8}$/s;
const TOTP_ALGORITHMS = ['sha1', 'sha256', 'sha512'] as const;

export type FactorEvent = 'factor.created' | 'factor.verified' | 'factor.deleted';

/** Reads with RequestParams, answering 60306 (this API's "invalid request") where Verify's older resources say 60200. */
export function read<T>(reader: () => T): T {
	try {
		return reader();
	} catch (error) {
		if (error instanceof TwilioError && error.code === 60200) throw new TwilioError(400, 60306, error.message);
		throw error;
	}
}

export function readAuthPayload(params: RequestParams): string | undefined {
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
		const entity = { sid: newSid('YE'), serviceSid, accountSid, identity };
		return this.entities.create(this.currentTime(), entity, `${serviceSid}/${identity}`);
	}

	/** A Service's entities (tests read them directly). */
	listEntities(accountSid: string, serviceSid: string): EntityRecord[] {
		return this.entities.list([accountSid, serviceSid]);
	}

	/** Takes the entity's factors and challenges with it. */
	deleteEntity(accountSid: string, serviceSid: string, identity: string): void {
		const entity = this.entities.remove([accountSid, serviceSid, identity]);
		this.factors.deleteWhere((factor) => factor.entitySid === entity.sid);
		this.challenges.deleteWhere((challenge) => challenge.entitySid === entity.sid);
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
		const factor = this.factors.create(this.currentTime(), {
			sid: newSid('YF'),
			serviceSid,
			accountSid,
			entitySid: entity.sid,
			identity,
			friendlyName,
			status: 'unverified',
			secret: secret.replace(/[\s=]/g, '').toUpperCase(),
			config,
		});
		this.factorChanged?.('factor.created', factor);
		return factor;
	}

	/** AuthPayload verifies a new factor when it is a current code; a wrong one leaves it unverified (200 either way). */
	updateFactor(accountSid: string, serviceSid: string, identity: string, factorSid: string, rawParams: ParamsSource): FactorRecord {
		const factor = this.factors.find([accountSid, serviceSid, identity, factorSid]);
		const params = new RequestParams(rawParams);
		const authPayload = readAuthPayload(params);
		const friendlyName = params.string('FriendlyName');
		if (friendlyName !== undefined && (friendlyName === '' || friendlyName.length > FRIENDLY_NAME_MAX)) {
			throw twilioErrors.invalidRequest('FriendlyName');
		}
		const config = readTotpConfig(params, factor.config);
		if (friendlyName !== undefined) factor.friendlyName = friendlyName;
		factor.config = config;
		const verifiedNow = authPayload !== undefined && factor.status === 'unverified' && this.codeMatches(factor, authPayload);
		if (verifiedNow) factor.status = 'verified';
		factor.updatedAt = this.currentTime();
		if (verifiedNow) this.factorChanged?.('factor.verified', factor);
		return factor;
	}

	/** Takes the factor's challenges with it. */
	deleteFactor(accountSid: string, serviceSid: string, identity: string, factorSid: string): void {
		const factor = this.factors.remove([accountSid, serviceSid, identity, factorSid]);
		this.challenges.deleteWhere((challenge) => challenge.factorSid === factor.sid);
		this.factorChanged?.('factor.deleted', factor);
	}

	/** Told when a factor is created, verified or deleted: the events layer (events.ts) sends the webhook event. */
	protected factorChanged?(event: FactorEvent, factor: FactorRecord): void;

	protected codeMatches(factor: FactorRecord, code: string): boolean {
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
}
