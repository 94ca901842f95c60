/** Entities, factors and challenges as Twilio renders them. Only a new factor carries its binding (secret and URI). */
import type { ChallengeRecord, EntityRecord, FactorRecord, ServiceRecord } from './records';
import { otpauthUri } from './totp';
import { formatTwilioDate } from './values';

function entityUrl(baseUrl: string, record: { serviceSid: string; identity: string }): string {
	return `${baseUrl}/v2/Services/${record.serviceSid}/Entities/${encodeURIComponent(record.identity)}`;
}

export function renderEntity(entity: EntityRecord, baseUrl: string) {
	const url = entityUrl(baseUrl, entity);
	return {
		sid: entity.sid,
		identity: entity.identity,
		account_sid: entity.accountSid,
		service_sid: entity.serviceSid,
		date_created: formatTwilioDate(entity.createdAt),
		date_updated: formatTwilioDate(entity.updatedAt),
		url,
		links: { factors: `${url}/Factors`, new_factors: `${url}/Factors`, challenges: `${url}/Challenges` },
	};
}

export function renderFactor(factor: FactorRecord, baseUrl: string) {
	return {
		sid: factor.sid,
		account_sid: factor.accountSid,
		service_sid: factor.serviceSid,
		entity_sid: factor.entitySid,
		identity: factor.identity,
		date_created: formatTwilioDate(factor.createdAt),
		date_updated: formatTwilioDate(factor.updatedAt),
		friendly_name: factor.friendlyName,
		status: factor.status,
		factor_type: 'totp',
		config: {
			alg: factor.config.alg,
			skew: factor.config.skew,
			code_length: factor.config.codeLength,
			time_step: factor.config.timeStep,
		},
		metadata: null,
		url: `${entityUrl(baseUrl, factor)}/Factors/${factor.sid}`,
	};
}

/** The issuer an app shows: the Service's TOTP issuer, else its friendly name. */
export function totpIssuer(service: ServiceRecord): string {
	return service.settings.totp.issuer ?? service.settings.friendly_name ?? 'Verify';
}

/** The answer to creating a factor: the factor with `binding` {secret, uri} and `options`, in Twilio's field order. */
export function renderNewFactor(factor: FactorRecord, issuer: string, baseUrl: string) {
	const { sid, account_sid, service_sid, entity_sid, identity, ...rest } = renderFactor(factor, baseUrl);
	const uri = otpauthUri(
		{ issuer, account: factor.friendlyName, secret: factor.secret },
		{ step: factor.config.timeStep, digits: factor.config.codeLength, alg: factor.config.alg },
	);
	return {
		sid,
		account_sid,
		service_sid,
		entity_sid,
		identity,
		binding: { secret: factor.secret, uri },
		options: null,
		...rest,
	};
}

export function renderChallenge(challenge: ChallengeRecord, baseUrl: string) {
	const url = `${entityUrl(baseUrl, challenge)}/Challenges/${challenge.sid}`;
	return {
		sid: challenge.sid,
		account_sid: challenge.accountSid,
		service_sid: challenge.serviceSid,
		entity_sid: challenge.entitySid,
		identity: challenge.identity,
		factor_sid: challenge.factorSid,
		date_created: formatTwilioDate(challenge.createdAt),
		date_updated: formatTwilioDate(challenge.updatedAt),
		date_responded: challenge.respondedAt === null ? null : formatTwilioDate(challenge.respondedAt),
		expiration_date: formatTwilioDate(challenge.expiresAt),
		status: challenge.status,
		responded_reason: 'none',
		// Details describe a push notification; a TOTP challenge has none.
		details: null,
		hidden_details: challenge.hiddenDetails === null ? null : structuredClone(challenge.hiddenDetails),
		metadata: null,
		factor_type: 'totp',
		url,
		links: { notifications: `${url}/Notifications` },
	};
}
