/**
 * The records of one Verify resource nested under another: a Service's rate limits, webhooks, messaging configurations
 * and entities, a rate limit's buckets, an entity's factors and challenges. Listing, fetching, storing and deleting
 * them works the same for each, by the SIDs of their path as the API names them: the caller's account SID, the
 * parent's path SIDs, then the record's own SID (or key). A record under another parent, or under another account's
 * Service, is as invisible as a missing one (20404), as on Twilio.
 */
import { twilioErrors } from './errors';

export interface NestedRecordsOptions<T> {
	/** The parent's SID for the SIDs of its path; throws (20404) when the caller has no such parent. */
	parentSid(path: string[]): string;
	/** The SID of the parent a record belongs to. */
	parentOf(record: T): string;
	/** The key a record is stored under, from its parent's SID and the last segment of its path; its SID by default. */
	keyIn?(parentSid: string, lastSegment: string): string;
}

/** What the route table reads of a nested resource: its list page and one record. */
export interface NestedRecordsReader<T> {
	list(path: string[]): T[];
	find(path: string[]): T;
}

/** What every nested record has: its SID and when it was created and last changed (ms). */
interface TimedRecord {
	sid: string;
	createdAt: number;
	updatedAt: number;
}

export class NestedRecords<T extends TimedRecord> extends Map<string, T> implements NestedRecordsReader<T> {
	constructor(private readonly options: NestedRecordsOptions<T>) {
		super();
	}

	/** The records under the parent `path` leads to, oldest first. */
	list(path: string[]): T[] {
		const parentSid = this.options.parentSid(path);
		return [...this.values()].filter((record) => this.options.parentOf(record) === parentSid);
	}

	/** The record `path` names: its parent's path, then its own SID (or key). */
	find(path: string[]): T {
		return this.locate(path).record;
	}

	/** Stores a new record created (and so last changed) at `time`, under `key`: its SID unless the resource says otherwise. */
	create(time: number, fields: Omit<T, 'createdAt' | 'updatedAt'>, key = fields.sid): T {
		const record = { ...fields, createdAt: time, updatedAt: time } as T;
		this.set(key, record);
		return record;
	}

	/** Deletes the record `path` names and returns it. */
	remove(path: string[]): T {
		const { key, record } = this.locate(path);
		this.delete(key);
		return record;
	}

	/** Deletes every record `matches` picks: the records a deleted parent takes with it. */
	deleteWhere(matches: (record: T) => boolean): void {
		for (const [key, record] of this) if (matches(record)) this.delete(key);
	}

	private locate(path: string[]): { key: string; record: T } {
		const parentSid = this.options.parentSid(path.slice(0, -1));
		const lastSegment = path[path.length - 1];
		const key = this.options.keyIn ? this.options.keyIn(parentSid, lastSegment) : lastSegment;
		const record = this.get(key);
		if (!record || this.options.parentOf(record) !== parentSid) throw twilioErrors.notFound();
		return { key, record };
	}
}
