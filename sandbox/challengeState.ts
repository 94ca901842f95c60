/**
 * Sixth layer of the state engine (see serviceState.ts): Challenges of TOTP factors. With a code (AuthPayload) a
 * challenge is answered at once: `approved` for a current code, still `pending` for a wrong one (not an error).
 */
import { twilioErrors } from './errors';
import { FactorState, read, readAuthPayload } from './factorState';
import { RequestParams } from './params';
import type { ChallengeRecord, ChallengeStatus, FactorRecord } from './records';
import type { ParamsSource } from './serviceState';
import { newSid } from './values';

const CHALLENGE_STATUSES: readonly ChallengeStatus[] = ['pending', 'expired', 'approved', 'denied'];
/** A challenge lives five minutes unless ExpirationDate says otherwise, and at most an hour. */
const CHALLENGE_TTL_MS = 5 * 60 * 1000;
const CHALLENGE_MAX_TTL_MS = 60 * 60 * 1000;

export class ChallengeState extends FactorState {
	/** A TOTP challenge; with AuthPayload it is answered at once: `approved` for a current code, else still `pending`. */
	createChallenge(accountSid: string, serviceSid: string, identity: string, rawParams: ParamsSource): ChallengeRecord {
		const entity = this.entities.find([accountSid, serviceSid, identity]);
		const params = new RequestParams(rawParams);
		params.requiredString('FactorSid');
		const factorSid = read(() => params.sid('FactorSid', 'YF')) as string;
		const authPayload = readAuthPayload(params);
		const hiddenDetails = read(() => params.jsonObject('HiddenDetails')) ?? null;
		const time = this.currentTime();
		const expiresAt = this.readExpiration(params.string('ExpirationDate'), time);
		const factor = this.factors.find([accountSid, serviceSid, identity, factorSid]);
		if (factor.status !== 'verified') throw twilioErrors.factorUnverified();
		const challenge = this.challenges.create(time, {
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
		});
		if (authPayload !== undefined) this.answer(challenge, factor, authPayload);
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
		this.challengeApproved?.(challenge);
	}

	/** Told when a challenge is approved: the events layer (events.ts) sends the webhook event. */
	protected challengeApproved?(challenge: ChallengeRecord): void;

	/** A pending challenge past its expiration date reads as expired from then on. */
	private refresh(challenge: ChallengeRecord): ChallengeRecord {
		if (challenge.status === 'pending' && this.currentTime() >= challenge.expiresAt) {
			challenge.status = 'expired';
			challenge.updatedAt = challenge.expiresAt;
		}
		return challenge;
	}

	getChallenge(accountSid: string, serviceSid: string, identity: string, challengeSid: string): ChallengeRecord {
		return this.refresh(this.challenges.find([accountSid, serviceSid, identity, challengeSid]));
	}

	/** Filters FactorSid and Status; Order `asc` (default, oldest first) or `desc`. */
	listChallenges(accountSid: string, serviceSid: string, identity: string, query: URLSearchParams): ChallengeRecord[] {
		const entityChallenges = this.challenges.list([accountSid, serviceSid, identity]);
		const params = new RequestParams(query);
		const factorSid = read(() => params.sid('FactorSid', 'YF'));
		const status = read(() => params.oneOf('Status', CHALLENGE_STATUSES));
		const order = read(() => params.oneOf('Order', ['asc', 'desc'] as const)) ?? 'asc';
		const challenges = entityChallenges
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
		const factor = this.factors.find([accountSid, serviceSid, identity, challenge.factorSid]);
		if (challenge.status === 'pending') this.answer(challenge, factor, authPayload);
		return challenge;
	}
}
