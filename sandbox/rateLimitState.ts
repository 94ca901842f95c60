/** Second layer of the state engine (see serviceState.ts): programmable rate limits and their buckets. */
import { twilioErrors } from './errors';
import { RequestParams } from './params';
import type { BucketRecord, RateLimitRecord, ServiceRecord } from './records';
import { ServiceState, type ParamsSource } from './serviceState';
import { newSid } from './values';

export class RateLimitState extends ServiceState {
	createRateLimit(accountSid: string, serviceSid: string, rawParams: ParamsSource): RateLimitRecord {
		const service = this.getService(accountSid, serviceSid);
		const params = new RequestParams(rawParams);
		const uniqueName = params.requiredString('UniqueName');
		const description = params.string('Description');
		if (this.rateLimits.list([accountSid, serviceSid]).some((rateLimit) => rateLimit.uniqueName === uniqueName)) {
			throw twilioErrors.duplicateRateLimit();
		}
		return this.rateLimits.create(this.currentTime(), {
			sid: newSid('RK'),
			serviceSid: service.sid,
			accountSid,
			uniqueName,
			description: description === undefined ? null : description,
		});
	}

	updateRateLimit(
		accountSid: string,
		serviceSid: string,
		rateLimitSid: string,
		rawParams: ParamsSource,
	): RateLimitRecord {
		const rateLimit = this.rateLimits.find([accountSid, serviceSid, rateLimitSid]);
		const description = new RequestParams(rawParams).string('Description');
		if (description !== undefined) rateLimit.description = description;
		rateLimit.updatedAt = this.currentTime();
		return rateLimit;
	}

	/** Deleting a rate limit takes its buckets with it. */
	deleteRateLimit(accountSid: string, serviceSid: string, rateLimitSid: string): void {
		const rateLimit = this.rateLimits.remove([accountSid, serviceSid, rateLimitSid]);
		this.buckets.deleteWhere((bucket) => bucket.rateLimitSid === rateLimit.sid);
	}

	createBucket(accountSid: string, serviceSid: string, rateLimitSid: string, rawParams: ParamsSource): BucketRecord {
		const rateLimit = this.rateLimits.find([accountSid, serviceSid, rateLimitSid]);
		const params = new RequestParams(rawParams);
		params.requiredString('Max');
		params.requiredString('Interval');
		return this.buckets.create(this.currentTime(), {
			sid: newSid('BL'),
			rateLimitSid: rateLimit.sid,
			serviceSid: rateLimit.serviceSid,
			accountSid,
			// Both are present (checked above), so integer() returns a number or throws.
			max: params.integer('Max', { min: 1 }) as number,
			interval: params.integer('Interval', { min: 1 }) as number,
			hitsByValue: new Map(),
		});
	}

	updateBucket(
		accountSid: string,
		serviceSid: string,
		rateLimitSid: string,
		bucketSid: string,
		rawParams: ParamsSource,
	): BucketRecord {
		const bucket = this.buckets.find([accountSid, serviceSid, rateLimitSid, bucketSid]);
		const params = new RequestParams(rawParams);
		const max = params.integer('Max', { min: 1 });
		const interval = params.integer('Interval', { min: 1 });
		if (max !== undefined) bucket.max = max;
		if (interval !== undefined) bucket.interval = interval;
		bucket.updatedAt = this.currentTime();
		return bucket;
	}

	deleteBucket(accountSid: string, serviceSid: string, rateLimitSid: string, bucketSid: string): void {
		this.buckets.remove([accountSid, serviceSid, rateLimitSid, bucketSid]);
	}

	/**
	 * Programmable rate limits: `RateLimits={"<unique_name>": "<value>"}` on a send
	 * counts one hit per bucket of that rate limit, keyed by the value. A full
	 * bucket refuses the send with 429. Unknown unique names are ignored.
	 */
	protected consumeRateLimits(service: ServiceRecord, rateLimitValues: Record<string, unknown>): void {
		const time = this.currentTime();
		const counted: number[][] = [];
		for (const [uniqueName, value] of Object.entries(rateLimitValues)) {
			const rateLimit = [...this.rateLimits.values()].find(
				(candidate) => candidate.serviceSid === service.sid && candidate.uniqueName === uniqueName,
			);
			if (!rateLimit) continue;
			for (const bucket of this.buckets.values()) {
				if (bucket.rateLimitSid !== rateLimit.sid) continue;
				const key = String(value);
				const windowStart = time - bucket.interval * 1000;
				const recentHits = (bucket.hitsByValue.get(key) || []).filter((hit) => hit > windowStart);
				bucket.hitsByValue.set(key, recentHits);
				if (recentHits.length >= bucket.max) throw twilioErrors.tooManyRequests();
				counted.push(recentHits);
			}
		}
		// Only count the hit once every bucket has agreed to it.
		for (const hits of counted) hits.push(time);
	}
}
