/**
 * First layer of the state engine: the sandbox clock, the record collections and Services.
 *
 * VerifyState is built in layers, one resource per file (services here, then rateLimitState.ts, then the
 * verifications in state.ts), so each stays readable. All collections live here because reset() and deleteService()
 * need every one of them, and subclasses must not declare fields that reset() sets (class fields would be
 * re-initialised after the base constructor ran).
 */
import { twilioErrors } from './errors';
import { NestedRecords, type NestedRecordsReader } from './nestedRecords';
import { RequestParams, readIdentity, type TwilioParams } from './params';
import type {
	BucketRecord,
	ChallengeRecord,
	EntityRecord,
	FactorRecord,
	MessagingConfigurationRecord,
	RateLimitRecord,
	SafeListRecord,
	ServiceRecord,
	VerificationRecord,
	WebhookRecord,
} from './records';
import { applyServiceChanges, defaultServiceSettings, readServiceChanges } from './serviceSettings';
import { newSid } from './values';

/** Parameters as the HTTP layer passes them (URLSearchParams) or as direct callers do (a plain object). */
export type ParamsSource = URLSearchParams | TwilioParams;

/** The nested resources the route table lists and fetches by path alone, by the name of their collection. */
export interface NestedResources {
	rateLimits: RateLimitRecord;
	buckets: BucketRecord;
	webhooks: WebhookRecord;
	messagingConfigurations: MessagingConfigurationRecord;
	entities: EntityRecord;
	factors: FactorRecord;
}

export class ServiceState {
	private readonly now: () => number;
	private clockOffsetMs!: number;
	protected services!: Map<string, ServiceRecord>;
	protected verifications!: Map<string, VerificationRecord>;
	protected rateLimits!: NestedRecords<RateLimitRecord>;
	protected buckets!: NestedRecords<BucketRecord>;
	protected webhooks!: NestedRecords<WebhookRecord>;
	/** Keyed by `<ServiceSid>/<Country>`. */
	protected messagingConfigurations!: NestedRecords<MessagingConfigurationRecord>;
	/** Keyed by `<AccountSid>/<PhoneNumber>`. */
	protected safeList!: Map<string, SafeListRecord>;
	/** Keyed by `<ServiceSid>/<Identity>`. */
	protected entities!: NestedRecords<EntityRecord>;
	protected factors!: NestedRecords<FactorRecord>;
	protected challenges!: NestedRecords<ChallengeRecord>;

	constructor(now: () => number = Date.now) {
		this.now = now;
		this.reset();
	}

	/** Sandbox time: the injected clock plus whatever advanceTime() added. */
	currentTime(): number {
		return this.now() + this.clockOffsetMs;
	}

	advanceTime(ms: number): void {
		if (!Number.isFinite(ms) || ms < 0) throw new RangeError('advanceTime expects a non-negative number of ms');
		this.clockOffsetMs += ms;
	}

	/** Forgets every record and the clock offset. */
	reset(): void {
		this.clockOffsetMs = 0;
		this.services = new Map();
		this.verifications = new Map();
		this.safeList = new Map();
		// Each nested resource finds its parent through the parent's own records, so a path is checked from the top.
		const inService = (path: string[]) => this.getService(path[0], path[1]).sid;
		const inEntity = (path: string[]) => this.entities.find(path).sid;
		this.rateLimits = new NestedRecords({ parentSid: inService, parentOf: (rateLimit) => rateLimit.serviceSid });
		this.buckets = new NestedRecords({
			parentSid: (path) => this.rateLimits.find(path).sid,
			parentOf: (bucket) => bucket.rateLimitSid,
		});
		this.webhooks = new NestedRecords({ parentSid: inService, parentOf: (webhook) => webhook.serviceSid });
		this.messagingConfigurations = new NestedRecords({
			parentSid: inService,
			parentOf: (configuration) => configuration.serviceSid,
			keyIn: (serviceSid, country) => `${serviceSid}/${country}`,
		});
		this.entities = new NestedRecords({
			parentSid: inService,
			parentOf: (entity) => entity.serviceSid,
			keyIn: (serviceSid, identity) => `${serviceSid}/${readIdentity(identity)}`,
		});
		this.factors = new NestedRecords({ parentSid: inEntity, parentOf: (factor) => factor.entitySid });
		this.challenges = new NestedRecords({ parentSid: inEntity, parentOf: (challenge) => challenge.entitySid });
	}

	/** A nested resource's records, read by the SIDs of their path (see nestedRecords.ts). */
	nestedRecords<K extends keyof NestedResources>(collection: K): NestedRecordsReader<NestedResources[K]> {
		const readers: { [Name in keyof NestedResources]: NestedRecordsReader<NestedResources[Name]> } = {
			rateLimits: this.rateLimits,
			buckets: this.buckets,
			webhooks: this.webhooks,
			messagingConfigurations: this.messagingConfigurations,
			entities: this.entities,
			factors: this.factors,
		};
		return readers[collection];
	}

	/** `sid` fixes the new Service's SID (for seeded services); it must be a free VA SID. */
	createService(accountSid: string, rawParams: ParamsSource, { sid }: { sid?: string } = {}): ServiceRecord {
		const params = new RequestParams(rawParams);
		params.requiredString('FriendlyName');
		const changes = readServiceChanges(params);
		if (sid !== undefined && !/^VA[0-9a-fA-F]{32}$/.test(sid)) throw new RangeError(`Not a Service SID: ${sid}`);
		if (sid !== undefined && this.services.has(sid)) throw new RangeError(`Service ${sid} already exists`);

		const time = this.currentTime();
		const service: ServiceRecord = {
			sid: sid || newSid('VA'),
			accountSid,
			settings: defaultServiceSettings(),
			createdAt: time,
			updatedAt: time,
		};
		applyServiceChanges(service.settings, changes);
		this.services.set(service.sid, service);
		return service;
	}

	listServices(accountSid: string): ServiceRecord[] {
		return [...this.services.values()].filter((service) => service.accountSid === accountSid);
	}

	/** Another account's Service is as invisible as a missing one (20404). */
	getService(accountSid: string, serviceSid: string): ServiceRecord {
		const service = this.services.get(serviceSid);
		if (!service || service.accountSid !== accountSid) throw twilioErrors.notFound();
		return service;
	}

	updateService(accountSid: string, serviceSid: string, rawParams: ParamsSource): ServiceRecord {
		const service = this.getService(accountSid, serviceSid);
		const changes = readServiceChanges(new RequestParams(rawParams));
		applyServiceChanges(service.settings, changes);
		service.updatedAt = this.currentTime();
		return service;
	}

	/**
	 * Deleting a Service takes its verifications, rate limits, buckets, webhooks, messaging configurations, entities,
	 * factors and challenges with it.
	 */
	deleteService(accountSid: string, serviceSid: string): void {
		this.getService(accountSid, serviceSid);
		this.services.delete(serviceSid);
		const collections: Array<Map<string, { serviceSid: string }>> = [
			this.verifications,
			this.rateLimits,
			this.buckets,
			this.webhooks,
			this.messagingConfigurations,
			this.entities,
			this.factors,
			this.challenges,
		];
		for (const collection of collections) {
			for (const [sid, record] of collection) if (record.serviceSid === serviceSid) collection.delete(sid);
		}
	}
}
