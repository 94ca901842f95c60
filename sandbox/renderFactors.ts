/** Entities, factors and challenges as Twilio renders them. Only a new factor carries its binding (secret and URI). */
import type { ChallengeRecord, EntityRecord, FactorRecord, ServiceRecord } from './records';
import { twilioDates, twilioFields, urlAndLinks } from './renderFields';
import { otpauthUri } from './totp';
import { formatTwilioDate } from './values';

function entityUrl(baseUrl: string, record: { serviceSid: string; identity: string }): string {
	return `${baseUrl}/v2/Services/${record.serviceSid}/Entities/${encodeURIComponent(record.identity)}`;
}

export function renderEntity(entity: EntityRecord, baseUrl: string) {
	return {
		...twilioFields(entity, ['sid', 'identity', 'accountSid', 'serviceSid']),
		...twilioDates(entity),
		...urlAndLinks(entityUrl(baseUrl, entity), { factors: 'Factors', new_factors: 'Factors', challenges: 'Challenges' }),
	};
}

export function renderFactor(factor: FactorRecord, baseUrl: string) {
	return {
		...twilioFields(factor, ['sid', 'accountSid', 'serviceSid', 'entitySid', 'identity']),
		...twilioDates(factor),
		...twilioFields(factor, ['friendlyName', 'status']),
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
		...twilioFields(challenge, ['sid', 'accountSid', 'serviceSid', 'entitySid', 'identity', 'factorSid']),
		...twilioDates(challenge),
		date_responded: challenge.respondedAt === null ? null : formatTwilioDate(challenge.respondedAt),
		expiration_date: formatTwilioDate(challenge.expiresAt),
		status: challenge.status,
		responded_reason: 'none',
		// Details describe a push notification; a TOTP challenge has none.
		details: null,
		hidden_details: challenge.hiddenDetails === null ? null : structuredClone(challenge.hiddenDetails),
		metadata: null,
		factor_type: 'totp',
		...urlAndLinks(url, { notifications: 'Notifications' }),
	};
}
