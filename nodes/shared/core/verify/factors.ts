/**
 * Authenticator apps through Verify's Entities, Factors and Challenges: the TotpGateway the member flows use, and the
 * management calls the Twilio Verify Service node makes. Reached as `client.factors`.
 *
 * The TOTP secret stays with Twilio: it leaves this module only inside the otpauth:// URI of a new factor, and the
 * management output of a new factor drops it from `binding` for the same reason.
 */
import { ConfigurationError, OutcomeError } from '../errors';
import type { VerifyDomain } from './client';
import { plain, type PlainResource } from './plain';
import { listOptions, managementCall, mapTwilioError } from './twilioErrors';
import type { TotpFactorCreated, TotpFactorRef, TotpGateway } from './types';

/** Twilio's own bounds for a TOTP AuthPayload: anything else cannot be right, so it is not sent. */
const TOTP_CODE = /^[0-9]{3,8}$/;

/** Twilio codes that mean "this code does not verify this factor": 60306 invalid request (a malformed AuthPayload),
 * 60311 / 60324 the pre-2021 answers to a wrong code, 60318 a factor not confirmed yet. */
const NOT_A_VALID_CODE = new Set([60306, 60311, 60318, 60324]);

interface RestError {
	status?: unknown;
	code?: unknown;
}

function restError(error: unknown): { status: number; code?: number } | undefined {
	const { status, code } = (error ?? {}) as RestError;
	if (typeof status !== 'number' || status < 400) return undefined;
	return { status, code: typeof code === 'number' ? code : undefined };
}

const isNotFound = (error: unknown) => {
	const rest = restError(error);
	return rest !== undefined && (rest.status === 404 || rest.code === 20404);
};

/** A factor as the node shows it: the binding's secret (and the URI holding it) never reach an output. */
function withoutSecret(factor: PlainResource): PlainResource {
	const { binding, ...rest } = factor;
	if (binding && typeof binding === 'object') {
		const kept = Object.fromEntries(
			Object.entries(binding as Record<string, unknown>).filter(([key]) => key !== 'secret' && key !== 'uri'),
		);
		if (Object.keys(kept).length > 0) return { ...rest, binding: kept };
	}
	return rest;
}

export interface TotpFactorConfig {
	timeStep?: number;
	skew?: number;
	codeLength?: number;
	alg?: 'sha1' | 'sha256' | 'sha512';
}

export class VerifyFactors implements TotpGateway {
	constructor(private readonly verify: VerifyDomain) {}

	private call<T>(request: () => Promise<T>): Promise<T> {
		return managementCall(request);
	}

	private entity(serviceSid: string, identity: string) {
		return this.verify.v2.services(serviceSid).entities(identity);
	}

	/**
	 * A call answered with a code: a wrong or malformed code is `false`; a factor or entity Twilio does not know is
	 * NOT_FOUND (the member removed the app elsewhere, or an unconfirmed factor expired); anything else is mapped as usual.
	 */
	private async codeCall(request: () => Promise<boolean>): Promise<boolean> {
		try {
			return await request();
		} catch (error) {
			const rest = restError(error);
			if (rest?.code !== undefined && NOT_A_VALID_CODE.has(rest.code)) return false;
			if (isNotFound(error)) {
				throw new OutcomeError('NOT_FOUND', 'This authenticator app is no longer registered. Set it up again.');
			}
			throw mapTwilioError(error, 'management');
		}
	}

	/** Removes something that may already be gone: a 404 is the state asked for. */
	private async removal(request: () => Promise<unknown>): Promise<void> {
		try {
			await request();
		} catch (error) {
			if (isNotFound(error)) return;
			throw mapTwilioError(error, 'management');
		}
	}

	// --- TotpGateway (member flows) ---

	async createTotpFactor(request: { serviceSid: string; identity: string; friendlyName: string }): Promise<TotpFactorCreated> {
		const factor = await this.call(() =>
			this.entity(request.serviceSid, request.identity).newFactors.create({
				friendlyName: request.friendlyName,
				factorType: 'totp',
			}),
		);
		const uri: unknown = (factor.binding as { uri?: unknown } | null)?.uri;
		if (typeof uri !== 'string' || !uri.startsWith('otpauth://')) {
			throw new ConfigurationError('TWILIO_REQUEST_FAILED', 'Twilio created the factor without an otpauth:// URI', {
				httpStatus: 502,
			});
		}
		return { factorSid: factor.sid, uri };
	}

	confirmTotpFactor(request: TotpFactorRef & { code: string }): Promise<boolean> {
		const code = request.code.trim();
		if (!TOTP_CODE.test(code)) return Promise.resolve(false);
		return this.codeCall(async () => {
			const factor = await this.entity(request.serviceSid, request.identity)
				.factors(request.factorSid)
				.update({ authPayload: code });
			return factor.status === 'verified';
		});
	}

	checkTotpCode(request: TotpFactorRef & { code: string }): Promise<boolean> {
		const code = request.code.trim();
		if (!TOTP_CODE.test(code)) return Promise.resolve(false);
		return this.codeCall(async () => {
			const challenge = await this.entity(request.serviceSid, request.identity).challenges.create({
				factorSid: request.factorSid,
				authPayload: code,
			});
			return challenge.status === 'approved';
		});
	}

	deleteTotpFactor(request: TotpFactorRef): Promise<void> {
		return this.removal(() => this.entity(request.serviceSid, request.identity).factors(request.factorSid).remove());
	}

	deleteEntity(request: { serviceSid: string; identity: string }): Promise<void> {
		return this.removal(() => this.entity(request.serviceSid, request.identity).remove());
	}

	// --- Entities (node) ---

	createEntity(serviceSid: string, identity: string) {
		return this.call(async () => plain(await this.verify.v2.services(serviceSid).entities.create({ identity })));
	}

	getEntity(serviceSid: string, identity: string) {
		return this.call(async () => plain(await this.entity(serviceSid, identity).fetch()));
	}

	listEntities(serviceSid: string, limit?: number) {
		return this.call(async () => (await this.verify.v2.services(serviceSid).entities.list(listOptions(limit))).map(plain));
	}

	deleteEntityResource(serviceSid: string, identity: string) {
		return this.call(() => this.entity(serviceSid, identity).remove());
	}

	// --- Factors (node) ---

	/** A new TOTP factor: the only time Twilio returns its binding, so `uri` (with the secret) is kept here, once. */
	createFactor(serviceSid: string, identity: string, friendlyName: string, config: TotpFactorConfig = {}) {
		return this.call(async () => {
			const factor = plain(
				await this.entity(serviceSid, identity).newFactors.create({
					friendlyName,
					factorType: 'totp',
					...(config.timeStep !== undefined ? { 'config.timeStep': config.timeStep } : {}),
					...(config.skew !== undefined ? { 'config.skew': config.skew } : {}),
					...(config.codeLength !== undefined ? { 'config.codeLength': config.codeLength } : {}),
					...(config.alg ? { 'config.alg': config.alg } : {}),
				}),
			);
			const uri = (factor.binding as { uri?: unknown } | null)?.uri;
			const output: PlainResource = withoutSecret(factor);
			if (typeof uri === 'string') output.uri = uri;
			return output;
		});
	}

	getFactor(serviceSid: string, identity: string, factorSid: string) {
		return this.call(async () => withoutSecret(plain(await this.entity(serviceSid, identity).factors(factorSid).fetch())));
	}

	listFactors(serviceSid: string, identity: string, limit?: number) {
		return this.call(async () =>
			(await this.entity(serviceSid, identity).factors.list(listOptions(limit))).map((factor) => withoutSecret(plain(factor))),
		);
	}

	/** Confirms a new factor with a code; a wrong code answers the factor, still `unverified`. */
	verifyFactor(serviceSid: string, identity: string, factorSid: string, code: string) {
		return this.call(async () =>
			withoutSecret(plain(await this.entity(serviceSid, identity).factors(factorSid).update({ authPayload: code }))),
		);
	}

	deleteFactor(serviceSid: string, identity: string, factorSid: string) {
		return this.call(() => this.entity(serviceSid, identity).factors(factorSid).remove());
	}

	// --- Challenges (node) ---

	/** A TOTP challenge answered at once: `approved` for a right code, `pending` for a wrong one. */
	createChallenge(serviceSid: string, identity: string, factorSid: string, code: string) {
		return this.call(async () =>
			plain(await this.entity(serviceSid, identity).challenges.create({ factorSid, authPayload: code })),
		);
	}

	getChallenge(serviceSid: string, identity: string, challengeSid: string) {
		return this.call(async () => plain(await this.entity(serviceSid, identity).challenges(challengeSid).fetch()));
	}

	listChallenges(
		serviceSid: string,
		identity: string,
		filters: { factorSid?: string; status?: 'pending' | 'expired' | 'approved' | 'denied' },
		limit?: number,
	) {
		return this.call(async () =>
			(await this.entity(serviceSid, identity).challenges.list({ ...filters, ...listOptions(limit) })).map(plain),
		);
	}
}
