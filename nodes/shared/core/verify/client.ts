/**
 * The Verify client: the official twilio SDK's Verify domain, created once per credential and reused by every item
 * and execution, pointed at the credential's base URL (Twilio or the local sandbox) without touching global state.
 */
import { createHash } from 'node:crypto';

import { ConfigurationError, OutcomeError } from '../errors';
import { VerifyFactors } from './factors';
import { VerifyManagement } from './management';
import { plain } from './plain';

export type { PlainResource } from './plain';
import { DEFAULT_RETRY_POLICY, RetryingHttpClient, type HttpClient, type RetryPolicy } from './retry';
import { checkTestNumber, parseTestNumbers, sendToTestNumber, type TestNumbers } from './testNumbers';
import { mapTwilioError, type TwilioCallKind } from './twilioErrors';
import type { CheckResult, CheckVerificationRequest, SendVerificationRequest, TotpFactorCreated, TotpFactorRef, TotpGateway, VerificationGateway, VerificationSummary } from './types';
import { loadOnce } from '../loadOnce';

type TwilioLibrary = typeof import('../../vendor/twilio');
export type VerifyDomain = InstanceType<TwilioLibrary['Verify']>;
type ServiceApi = VerifyDomain['v2']['services'];
export type ServiceOptions = Parameters<ServiceApi['create']>[0];
export type ServiceUpdateOptions = NonNullable<Parameters<ReturnType<ServiceApi['get']>['update']>[0]>;

const TWILIO_VERIFY_BASE_URL = 'https://verify.twilio.com';

export interface VerifyCredentials {
	accountSid: string;
	authType: 'authToken' | 'apiKey';
	authToken?: string;
	apiKeySid?: string;
	apiKeySecret?: string;
	/** https://verify.twilio.com, or the sandbox's URL in tests and the demo */
	baseUrl?: string;
	defaultServiceSid?: string;
	/** "+E164=code" entries; only passed when the credential enables test numbers */
	testNumbers?: string;
	/** test numbers outside the fictional ranges are accepted */
	allowAnyTestNumber?: boolean;
	/** test numbers are accepted even when `baseUrl` is Twilio's live API */
	allowTestNumbersWithTwilio?: boolean;
}

export interface VerifyClientOptions {
	retry?: RetryPolicy;
	timeoutMs?: number;
}

/** The SDK's Verify domain bundles to about half a megabyte: load it on first use, not at n8n start-up. */
const loadTwilio: () => Promise<TwilioLibrary> = loadOnce(() => import('../../vendor/twilio'));

const SID_PATTERN = /^(AC|SK|VA|VE|RK|BL)[0-9a-fA-F]{32}$/;

export function isSid(value: string, prefix: 'AC' | 'SK' | 'VA' | 'VE' | 'RK' | 'BL'): boolean {
	return SID_PATTERN.test(value) && value.startsWith(prefix);
}

/** A verification's SID as a request may give it (any JSON type, any length): VE and 32 hex digits, else INVALID_INPUT. */
export function readVerificationSid(value: unknown): string {
	const sid = typeof value === 'string' && value.length <= 100 ? value.trim() : '';
	if (!isSid(sid, 'VE')) {
		throw new OutcomeError('INVALID_INPUT', 'The verification SID must be VE followed by 32 hex digits.');
	}
	return sid;
}

function usernameAndPassword(credentials: VerifyCredentials): [string, string] {
	if (!isSid(credentials.accountSid?.trim() ?? '', 'AC')) {
		throw new ConfigurationError('INVALID_CREDENTIALS_CONFIG', 'The Account SID must start with AC followed by 32 hex digits');
	}
	if (credentials.authType === 'apiKey') {
		if (!credentials.apiKeySid || !credentials.apiKeySecret) {
			throw new ConfigurationError('INVALID_CREDENTIALS_CONFIG', 'API Key SID and API Key Secret are both required');
		}
		return [credentials.apiKeySid.trim(), credentials.apiKeySecret];
	}
	if (!credentials.authToken) {
		throw new ConfigurationError('INVALID_CREDENTIALS_CONFIG', 'The Auth Token is required');
	}
	return [credentials.accountSid.trim(), credentials.authToken];
}

/** Whether requests go to Twilio itself rather than a sandbox or a proxy of the builder's. */
function isTwilioHost(baseUrl: string): boolean {
	const host = new URL(baseUrl).hostname.toLowerCase();
	return host === 'twilio.com' || host.endsWith('.twilio.com');
}

function normaliseBaseUrl(baseUrl: string | undefined): string {
	const url = (baseUrl || TWILIO_VERIFY_BASE_URL).trim().replace(/\/+$/, '');
	if (!/^https?:\/\/[^\s/]+/.test(url)) {
		throw new ConfigurationError('INVALID_CREDENTIALS_CONFIG', `The API base URL "${url}" is not an http(s) URL`);
	}
	return url;
}

/** What the SDK hands back: the summary's plain fields, with dates and attempts in its own shapes. */
type TwilioVerificationFields = Pick<VerificationSummary, 'sid' | 'serviceSid' | 'to' | 'channel' | 'status' | 'valid'> & {
	dateCreated?: Date | null;
	dateUpdated?: Date | null;
	sendCodeAttempts?: unknown[] | null;
};

function summarise(verification: TwilioVerificationFields): VerificationSummary {
	const summary: VerificationSummary = {
		sid: verification.sid,
		serviceSid: verification.serviceSid,
		to: verification.to,
		channel: verification.channel,
		status: verification.status,
		valid: verification.valid,
	};
	if (verification.dateCreated) summary.dateCreated = verification.dateCreated.toISOString();
	if (verification.dateUpdated) summary.dateUpdated = verification.dateUpdated.toISOString();
	if (Array.isArray(verification.sendCodeAttempts)) summary.sendCodeAttempts = verification.sendCodeAttempts.length;
	return summary;
}

/** Why a check that answered 200 did not approve. */
function reasonForCheckStatus(status: string): OutcomeError {
	if (status === 'max_attempts_reached') {
		return new OutcomeError('TOO_MANY_ATTEMPTS', 'Too many wrong codes. Request a new code.');
	}
	if (status === 'expired' || status === 'canceled' || status === 'deleted') {
		return new OutcomeError('EXPIRED', 'The code has expired or was already used. Request a new code.');
	}
	return new OutcomeError('INVALID_CODE', 'The code is not correct.');
}

function toJsonText(value: Record<string, unknown> | undefined): string | undefined {
	return value && Object.keys(value).length > 0 ? JSON.stringify(value) : undefined;
}

export class VerifyClient implements VerificationGateway, TotpGateway {
	private managementApi?: VerifyManagement;
	private factorsApi?: VerifyFactors;

	private constructor(
		private readonly verify: VerifyDomain,
		private readonly testNumbers: TestNumbers,
		readonly defaultServiceSid: string | undefined,
	) {}

	static async create(credentials: VerifyCredentials, options: VerifyClientOptions = {}): Promise<VerifyClient> {
		const [username, password] = usernameAndPassword(credentials);
		const baseUrl = normaliseBaseUrl(credentials.baseUrl);
		const testNumbers = parseTestNumbers(credentials.testNumbers, {
			allowAnyNumber: credentials.allowAnyTestNumber === true,
			liveApi: isTwilioHost(baseUrl),
			allowWithLiveApi: credentials.allowTestNumbersWithTwilio === true,
		});
		const twilio = await loadTwilio();
		const transport = new twilio.RequestClient({ timeout: options.timeoutMs ?? 15_000, keepAlive: true });
		const httpClient = new RetryingHttpClient(transport as unknown as HttpClient, options.retry ?? DEFAULT_RETRY_POLICY);
		const client = new twilio.TwilioHttpClient(username, password, {
			accountSid: credentials.accountSid.trim(),
			httpClient: httpClient as unknown as InstanceType<TwilioLibrary['RequestClient']>,
			// An empty env keeps TWILIO_* variables of the n8n process from overriding the credential.
			env: {},
		});
		const verify = new twilio.Verify(client as never);
		verify.baseUrl = baseUrl;
		return new VerifyClient(verify, testNumbers, credentials.defaultServiceSid?.trim() || undefined);
	}

	private async call<T>(kind: TwilioCallKind, request: () => Promise<T>): Promise<T> {
		try {
			return await request();
		} catch (error) {
			throw mapTwilioError(error, kind);
		}
	}

	private service(serviceSid: string) {
		return this.verify.v2.services(serviceSid);
	}

	/** Safe List, attempts, templates, webhooks and messaging configurations (management.ts). */
	get management(): VerifyManagement {
		this.managementApi ??= new VerifyManagement(this.verify);
		return this.managementApi;
	}

	/** Entities, Factors and Challenges (factors.ts): authenticator apps. */
	get factors(): VerifyFactors {
		this.factorsApi ??= new VerifyFactors(this.verify);
		return this.factorsApi;
	}

	// --- TotpGateway: authenticator apps for the member flows (factors.ts) ---

	createTotpFactor(request: { serviceSid: string; identity: string; friendlyName: string }): Promise<TotpFactorCreated> {
		return this.factors.createTotpFactor(request);
	}

	confirmTotpFactor(request: TotpFactorRef & { code: string }): Promise<boolean> {
		return this.factors.confirmTotpFactor(request);
	}

	checkTotpCode(request: TotpFactorRef & { code: string }): Promise<boolean> {
		return this.factors.checkTotpCode(request);
	}

	deleteTotpFactor(request: TotpFactorRef): Promise<void> {
		return this.factors.deleteTotpFactor(request);
	}

	deleteEntity(request: { serviceSid: string; identity: string }): Promise<void> {
		return this.factors.deleteEntity(request);
	}

	// --- Verify Services ---

	listServices(limit?: number) {
		return this.call('management', async () =>
			(await this.verify.v2.services.list(limit ? { limit, pageSize: Math.min(limit, 100) } : { pageSize: 100 })).map(plain),
		);
	}

	getService(serviceSid: string) {
		return this.call('management', async () => plain(await this.service(serviceSid).fetch()));
	}

	createService(options: ServiceOptions) {
		return this.call('management', async () => plain(await this.verify.v2.services.create(options)));
	}

	updateService(serviceSid: string, options: ServiceUpdateOptions) {
		return this.call('management', async () => plain(await this.service(serviceSid).update(options)));
	}

	deleteService(serviceSid: string) {
		return this.call('management', () => this.service(serviceSid).remove());
	}

	// --- Rate limits and buckets ---

	listRateLimits(serviceSid: string, limit?: number) {
		return this.call('management', async () => (await this.service(serviceSid).rateLimits.list({ limit })).map(plain));
	}

	getRateLimit(serviceSid: string, rateLimitSid: string) {
		return this.call('management', async () => plain(await this.service(serviceSid).rateLimits(rateLimitSid).fetch()));
	}

	createRateLimit(serviceSid: string, options: { uniqueName: string; description?: string }) {
		return this.call('management', async () => plain(await this.service(serviceSid).rateLimits.create(options)));
	}

	updateRateLimit(serviceSid: string, rateLimitSid: string, options: { description?: string }) {
		return this.call('management', async () =>
			plain(await this.service(serviceSid).rateLimits(rateLimitSid).update(options)),
		);
	}

	deleteRateLimit(serviceSid: string, rateLimitSid: string) {
		return this.call('management', () => this.service(serviceSid).rateLimits(rateLimitSid).remove());
	}

	listBuckets(serviceSid: string, rateLimitSid: string, limit?: number) {
		return this.call('management', async () =>
			(await this.service(serviceSid).rateLimits(rateLimitSid).buckets.list({ limit })).map(plain),
		);
	}

	getBucket(serviceSid: string, rateLimitSid: string, bucketSid: string) {
		return this.call('management', async () =>
			plain(await this.service(serviceSid).rateLimits(rateLimitSid).buckets(bucketSid).fetch()),
		);
	}

	createBucket(serviceSid: string, rateLimitSid: string, options: { max: number; interval: number }) {
		return this.call('management', async () =>
			plain(await this.service(serviceSid).rateLimits(rateLimitSid).buckets.create(options)),
		);
	}

	updateBucket(serviceSid: string, rateLimitSid: string, bucketSid: string, options: { max?: number; interval?: number }) {
		return this.call('management', async () =>
			plain(await this.service(serviceSid).rateLimits(rateLimitSid).buckets(bucketSid).update(options)),
		);
	}

	deleteBucket(serviceSid: string, rateLimitSid: string, bucketSid: string) {
		return this.call('management', () => this.service(serviceSid).rateLimits(rateLimitSid).buckets(bucketSid).remove());
	}

	// --- Verifications ---

	isTestRecipient(to: string): boolean {
		return this.testNumbers.has(to.toLowerCase());
	}

	async send(request: SendVerificationRequest): Promise<VerificationSummary> {
		if (this.isTestRecipient(request.to)) return sendToTestNumber(request);
		return this.call('send', async () =>
			summarise(
				await this.service(request.serviceSid).verifications.create({
					to: request.to,
					channel: request.channel,
					locale: request.locale,
					customFriendlyName: request.customFriendlyName,
					customCode: request.customCode,
					templateSid: request.templateSid,
					channelConfiguration: toJsonText(request.channelConfiguration),
					rateLimits: toJsonText(request.rateLimits),
					tags: toJsonText(request.tags),
				}),
			),
		);
	}

	async check(request: CheckVerificationRequest): Promise<CheckResult> {
		const testResult = checkTestNumber(request, this.testNumbers);
		if (testResult) return testResult;
		try {
			const target = 'to' in request ? { to: request.to } : { verificationSid: readVerificationSid(request.verificationSid) };
			const check = await this.service(request.serviceSid).verificationChecks.create({ code: request.code, ...target });
			const verification = summarise(check as unknown as TwilioVerificationFields);
			if (check.status === 'approved') return { approved: true, verification };
			return { approved: false, reason: reasonForCheckStatus(check.status), verification };
		} catch (error) {
			const mapped = mapTwilioError(error, 'check');
			if (mapped instanceof OutcomeError) return { approved: false, reason: mapped };
			throw mapped;
		}
	}

	fetchVerification(serviceSid: string, verificationSid: string) {
		return this.call('verification', async () =>
			summarise(await this.service(serviceSid).verifications(readVerificationSid(verificationSid)).fetch()),
		);
	}

	cancelVerification(serviceSid: string, verificationSid: string) {
		return this.call('verification', async () =>
			summarise(
				await this.service(serviceSid).verifications(readVerificationSid(verificationSid)).update({ status: 'canceled' }),
			),
		);
	}
}

const MAX_CACHED_CLIENTS = 50;
const clients = new Map<string, Promise<VerifyClient>>();

/**
 * One client per credential (and options), shared by all items and executions: the cache is keyed by a hash of the
 * credential, so a changed credential gets a new client and no secret is kept as a map key.
 */
export function getVerifyClient(credentials: VerifyCredentials, options: VerifyClientOptions = {}): Promise<VerifyClient> {
	const key = createHash('sha256').update(JSON.stringify([credentials, options])).digest('hex');
	let client = clients.get(key);
	if (!client) {
		if (clients.size >= MAX_CACHED_CLIENTS) clients.delete(clients.keys().next().value as string);
		client = VerifyClient.create(credentials, options);
		// A failed creation (bad configuration) must not stay cached.
		client.catch(() => clients.delete(key));
		clients.set(key, client);
	}
	return client;
}
