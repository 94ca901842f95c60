/**
 * The member store's SQL, shared by both backends. Table names are constants; every value is a bound parameter.
 * Races are settled inside single statements (conditional UPDATE … RETURNING, INSERT … ON CONFLICT), so the database
 * decides who wins, whichever process asks.
 */
import { isUuid } from '../ids';
import type {
	ChallengeChannel,
	ChallengeKind,
	ChallengeRecord,
	MemberListQuery,
	MemberQueries,
	MemberRecord,
	MemberStatus,
	NewChallenge,
	NewMember,
	PhoneChannel,
	PurgeResult,
	SendAllowance,
	SendLimit,
	SessionRecord,
} from '../types';
import { SqlFactorQueries } from './factorQueries';
import { CURRENT_VERSION_QUERY, TABLES } from './migrations';
import { rowReader, type SqlValue, toDate, toDateOrNull, toStringOrNull } from './sql';

const { members, challenges, sessions, sendCounters, trustedDevices } = TABLES;

export class SqlMemberQueries extends SqlFactorQueries implements MemberQueries {
	async findMemberById(id: string): Promise<MemberRecord | undefined> {
		// PostgreSQL refuses a malformed uuid with an error; an unknown id is simply not found.
		if (!isUuid(id)) return undefined;
		return this.oneMember(`SELECT * FROM ${members} WHERE id = $1`, [id]);
	}

	findMemberByEmail(email: string): Promise<MemberRecord | undefined> {
		return this.oneMember(`SELECT * FROM ${members} WHERE email = $1`, [email]);
	}

	findMemberByPhone(phone: string): Promise<MemberRecord | undefined> {
		return this.oneMember(`SELECT * FROM ${members} WHERE phone = $1`, [phone]);
	}

	insertMember(member: NewMember): Promise<MemberRecord | undefined> {
		// DO NOTHING (not an error) keeps a PostgreSQL transaction usable; a concurrent insert of the same email waits
		// for the other transaction and then does nothing if it committed.
		return this.oneMember(
			`INSERT INTO ${members} (id, email, phone, password_hash, status, created_at, failed_logins)
			 VALUES ($1, $2, $3, $4, $5, $6, 0)
			 ON CONFLICT DO NOTHING
			 RETURNING *`,
			[member.id, member.email, member.phone, member.passwordHash, member.status, member.createdAt],
		);
	}

	async setMemberStatus(id: string, status: MemberStatus): Promise<MemberRecord | undefined> {
		if (!isUuid(id)) return undefined;
		return this.oneMember(`UPDATE ${members} SET status = $2 WHERE id = $1 RETURNING *`, [id, status]);
	}

	async recordLogin(id: string, now: Date): Promise<void> {
		await this.sql.execute(`UPDATE ${members} SET last_login_at = $2 WHERE id = $1`, [id, now]);
	}

	async updatePasswordHash(id: string, passwordHash: string): Promise<void> {
		await this.sql.execute(`UPDATE ${members} SET password_hash = $2 WHERE id = $1`, [id, passwordHash]);
	}

	async lockMember(id: string): Promise<MemberRecord | undefined> {
		if (!isUuid(id)) return undefined;
		// A write that changes nothing takes the row lock where SELECT … FOR UPDATE is not portable (SQLite's
		// transactions hold the whole database anyway).
		return this.oneMember(`UPDATE ${members} SET status = status WHERE id = $1 RETURNING *`, [id]);
	}

	async updateMemberPhone(id: string, phone: string): Promise<MemberRecord | undefined> {
		if (!isUuid(id)) return undefined;
		try {
			return await this.oneMember(`UPDATE ${members} SET phone = $2 WHERE id = $1 RETURNING *`, [id, phone]);
		} catch (error) {
			// Another member has the phone (maybe since a moment ago): the unique constraint refused the update.
			if (isUniqueViolation(error)) return undefined;
			throw error;
		}
	}

	async deleteMember(id: string): Promise<boolean> {
		if (!isUuid(id)) return false;
		// Challenges for the member's phone that were never bound to them (a passwordless code) go too; the cascades
		// remove the sessions and the challenges bound to the member with the row.
		await this.sql.execute(`DELETE FROM ${challenges} WHERE phone = (SELECT phone FROM ${members} WHERE id = $1)`, [id]);
		return (await this.sql.execute(`DELETE FROM ${members} WHERE id = $1`, [id])) === 1;
	}

	async listMembers({ status, text, after, limit }: MemberListQuery): Promise<MemberRecord[]> {
		// One statement for every filter: an empty filter matches everything, and the first page starts after a time
		// before any member, so no SQL is assembled from pieces.
		const rows = await this.sql.query(
			`SELECT * FROM ${members}
			 WHERE ($1 = 'all' OR status = $1)
				AND ($2 = '' OR lower(email) LIKE $3 ESCAPE '\\' OR phone = $2)
				AND (created_at > $4 OR (created_at = $4 AND id > $5))
			 ORDER BY created_at, id
			 LIMIT $6`,
			[
				status,
				text,
				`%${escapeLike(text.toLowerCase())}%`,
				after?.createdAt ?? LIST_START.createdAt,
				after?.id ?? LIST_START.id,
				limit,
			],
		);
		return rows.map(toMember);
	}

	async insertChallenge(challenge: NewChallenge): Promise<void> {
		await this.sql.execute(
			`INSERT INTO ${challenges}
				(id_hash, kind, member_id, email, phone, password_hash, channel, expires_at, attempts, created_at)
			 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, $9)`,
			[
				challenge.idHash,
				challenge.kind,
				challenge.memberId,
				challenge.email,
				challenge.phone,
				challenge.passwordHash,
				challenge.channel,
				challenge.expiresAt,
				challenge.createdAt,
			],
		);
	}

	async findChallenge(idHash: string): Promise<ChallengeRecord | undefined> {
		const rows = await this.sql.query(`SELECT * FROM ${challenges} WHERE id_hash = $1`, [idHash]);
		return rows[0] && toChallenge(rows[0]);
	}

	async findLatestChallenge(kind: ChallengeKind, phone: string): Promise<ChallengeRecord | undefined> {
		const rows = await this.sql.query(
			`SELECT * FROM ${challenges}
			 WHERE phone = $1 AND kind = $2
			 ORDER BY CASE WHEN consumed_at IS NULL THEN 0 ELSE 1 END, created_at DESC
			 LIMIT 1`,
			[phone, kind],
		);
		return rows[0] && toChallenge(rows[0]);
	}

	async reserveCodeAttempt(idHash: string, maxCodeAttempts: number): Promise<number | undefined> {
		// One statement checks and counts, so parallel guesses cannot exceed the cap.
		const rows = await this.sql.query(
			`UPDATE ${challenges} SET attempts = attempts + 1
			 WHERE id_hash = $1 AND consumed_at IS NULL AND attempts < $2
			 RETURNING attempts`,
			[idHash, maxCodeAttempts],
		);
		return rows[0] ? Number(rows[0].attempts) : undefined;
	}

	async consumeChallenge(
		idHash: string,
		{ now, maxCodeAttempts }: { now: Date; maxCodeAttempts: number },
	): Promise<boolean> {
		// The WHERE clause is re-checked on the locked row, so of many concurrent completions exactly one matches.
		const changed = await this.sql.execute(
			`UPDATE ${challenges} SET consumed_at = $2
			 WHERE id_hash = $1 AND consumed_at IS NULL AND expires_at > $2 AND attempts <= $3`,
			[idHash, now, maxCodeAttempts],
		);
		return changed === 1;
	}

	async setChallengeChannel(idHash: string, channel: PhoneChannel): Promise<void> {
		await this.sql.execute(`UPDATE ${challenges} SET channel = $2 WHERE id_hash = $1`, [idHash, channel]);
	}

	async cancelPendingLogins(memberId: string, now: Date): Promise<number> {
		if (!isUuid(memberId)) return 0;
		return this.sql.execute(
			`UPDATE ${challenges} SET consumed_at = $2 WHERE member_id = $1 AND kind = 'login' AND consumed_at IS NULL`,
			[memberId, now],
		);
	}

	async insertSession(session: SessionRecord): Promise<void> {
		await this.sql.execute(
			`INSERT INTO ${sessions} (id, member_id, issued_at, expires_at, revoked_at) VALUES ($1, $2, $3, $4, $5)`,
			[session.id, session.memberId, session.issuedAt, session.expiresAt, session.revokedAt],
		);
	}

	async findSession(id: string): Promise<SessionRecord | undefined> {
		const rows = await this.sql.query(`SELECT * FROM ${sessions} WHERE id = $1`, [id]);
		return rows[0] && toSession(rows[0]);
	}

	async revokeSession(id: string, now: Date): Promise<boolean> {
		const changed = await this.sql.execute(
			`UPDATE ${sessions} SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL`,
			[id, now],
		);
		return changed === 1;
	}

	async revokeMemberSessions(memberId: string, now: Date, keepSessionId = ''): Promise<number> {
		if (!isUuid(memberId)) return 0;
		return this.sql.execute(
			`UPDATE ${sessions} SET revoked_at = $2 WHERE member_id = $1 AND revoked_at IS NULL AND id <> $3`,
			[memberId, now, keepSessionId],
		);
	}

	async countSend(limit: SendLimit, now: Date): Promise<SendAllowance> {
		const windowStartedBefore = new Date(now.getTime() - limit.windowSeconds * 1000);
		const cooledDownBy = new Date(now.getTime() - limit.cooldownSeconds * 1000);
		// One statement checks and counts: the update happens only when the cool-down is over and the window has room
		// (or has run out and starts again); otherwise no row comes back and nothing is counted.
		const counted = await this.sql.query(
			`INSERT INTO ${sendCounters} AS c (key, window_start, sent_count, last_sent_at) VALUES ($1, $2, 1, $2)
			 ON CONFLICT (key) DO UPDATE SET
				window_start = CASE WHEN c.window_start <= $3 THEN $2 ELSE c.window_start END,
				sent_count = CASE WHEN c.window_start <= $3 THEN 1 ELSE c.sent_count + 1 END,
				last_sent_at = $2
			 WHERE ($6 = 0 OR c.last_sent_at <= $4) AND (c.window_start <= $3 OR c.sent_count < $5)
			 RETURNING sent_count`,
			// A limit without cool-down never compares send times, so clocks a little apart across workers cannot refuse.
			[limit.key, now, windowStartedBefore, cooledDownBy, limit.max, limit.cooldownSeconds],
		);
		if (counted.length > 0) return { allowed: true };
		const refusal = await this.peekSend(limit, now);
		// Refused by the statement but free by now (the window ran out in between): a second later is safe to say.
		return refusal.allowed ? { allowed: false, retryAfterSeconds: 1 } : refusal;
	}

	async peekSend(limit: SendLimit, now: Date): Promise<SendAllowance> {
		const windowStartedBefore = new Date(now.getTime() - limit.windowSeconds * 1000);
		const cooledDownBy = new Date(now.getTime() - limit.cooldownSeconds * 1000);
		const [counter] = await this.sql.query(`SELECT * FROM ${sendCounters} WHERE key = $1`, [limit.key]);
		if (!counter) return { allowed: true };
		const waits: number[] = [];
		const lastSentAt = toDate(counter.last_sent_at).getTime();
		const windowStart = toDate(counter.window_start).getTime();
		if (limit.cooldownSeconds > 0 && lastSentAt > cooledDownBy.getTime()) waits.push(lastSentAt + limit.cooldownSeconds * 1000 - now.getTime());
		if (windowStart > windowStartedBefore.getTime() && Number(counter.sent_count) >= limit.max) {
			waits.push(windowStart + limit.windowSeconds * 1000 - now.getTime());
		}
		if (waits.length === 0) return { allowed: true };
		return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(Math.max(...waits) / 1000)) };
	}

	async resetCounter(key: string): Promise<void> {
		await this.sql.execute(`DELETE FROM ${sendCounters} WHERE key = $1`, [key]);
	}

	async endCooldown(key: string, cooledAt: Date): Promise<void> {
		await this.sql.execute(`UPDATE ${sendCounters} SET last_sent_at = $2 WHERE key = $1 AND last_sent_at > $2`, [
			key,
			cooledAt,
		]);
	}

	async purgeExpired(before: Date): Promise<PurgeResult> {
		return {
			challenges: await this.sql.execute(`DELETE FROM ${challenges} WHERE expires_at < $1`, [before]),
			sessions: await this.sql.execute(`DELETE FROM ${sessions} WHERE expires_at < $1 OR revoked_at < $1`, [before]),
			sendCounters: await this.sql.execute(`DELETE FROM ${sendCounters} WHERE last_sent_at < $1`, [before]),
			trustedDevices: await this.sql.execute(`DELETE FROM ${trustedDevices} WHERE expires_at < $1`, [before]),
		};
	}

	async schemaVersion(): Promise<number> {
		const rows = await this.sql.query(CURRENT_VERSION_QUERY);
		return Number(rows[0].version);
	}

	private async oneMember(sql: string, params: SqlValue[]): Promise<MemberRecord | undefined> {
		const rows = await this.sql.query(sql, params);
		return rows[0] && toMember(rows[0]);
	}
}

/** Before every member: the first page of the list starts after it (ids compare as text in SQLite, uuid in PostgreSQL). */
const LIST_START = { createdAt: new Date('0001-01-01T00:00:00.000Z'), id: '00000000-0000-0000-0000-000000000000' };

/** `%`, `_` and the escape character itself match only themselves. */
function escapeLike(text: string): string {
	return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/** PostgreSQL's unique_violation, or SQLite's SQLITE_CONSTRAINT_UNIQUE. */
function isUniqueViolation(error: unknown): boolean {
	const { code, errcode } = (error ?? {}) as { code?: unknown; errcode?: unknown };
	return code === '23505' || errcode === 2067;
}

const toMember = rowReader<MemberRecord>({
	id: String,
	email: String,
	phone: String,
	passwordHash: toStringOrNull,
	status: (value) => value as MemberStatus,
	createdAt: toDate,
	lastLoginAt: toDateOrNull,
});

const toChallenge = rowReader<ChallengeRecord>({
	idHash: String,
	kind: (value) => value as ChallengeKind,
	memberId: toStringOrNull,
	email: toStringOrNull,
	phone: String,
	passwordHash: toStringOrNull,
	channel: (value) => value as ChallengeChannel,
	expiresAt: toDate,
	attempts: Number,
	consumedAt: toDateOrNull,
	createdAt: toDate,
});

const toSession = rowReader<SessionRecord>({ id: String, memberId: String, issuedAt: toDate, expiresAt: toDate, revokedAt: toDateOrNull });
