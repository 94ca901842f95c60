/**
 * What the member flows keep in the store. All state lives in the database, never in process memory, so several n8n
 * processes sharing one PostgreSQL store behave as one.
 */

export const MEMBER_STATUSES = ['active', 'pending_approval', 'blocked'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

/** 'reset' and 'phone_change' are bound to a member (schema version 2 allows them). */
export const CHALLENGE_KINDS = ['register', 'login', 'otp', 'reset', 'phone_change'] as const;
export type ChallengeKind = (typeof CHALLENGE_KINDS)[number];

/** Channels that deliver a code to a phone; members are always confirmed through their phone. */
export const PHONE_CHANNELS = ['sms', 'call', 'whatsapp'] as const;
export type PhoneChannel = (typeof PHONE_CHANNELS)[number];

/** How a challenge's code reaches the member: a phone channel, or their authenticator app (nothing is sent). */
export type ChallengeChannel = PhoneChannel | 'totp';

export interface MemberRecord {
	id: string;
	email: string;
	/** E.164 */
	phone: string;
	/** null for members who only ever log in with a phone code */
	passwordHash: string | null;
	status: MemberStatus;
	createdAt: Date;
	lastLoginAt: Date | null;
}

export type NewMember = Pick<MemberRecord, 'id' | 'email' | 'phone' | 'passwordHash' | 'status' | 'createdAt'>;

export interface ChallengeRecord {
	/** sha256 of the random challenge id: a database leak does not hand out usable ids */
	idHash: string;
	kind: ChallengeKind;
	memberId: string | null;
	email: string | null;
	phone: string;
	/** the pending registration's password hash, until the member row exists */
	passwordHash: string | null;
	channel: ChallengeChannel;
	expiresAt: Date;
	attempts: number;
	consumedAt: Date | null;
	createdAt: Date;
}

export type NewChallenge = Omit<ChallengeRecord, 'attempts' | 'consumedAt'>;

/** A second factor beyond the phone. Only Twilio's factor SID is kept: the TOTP secret stays with Twilio. */
export const FACTOR_KINDS = ['totp'] as const;
export type FactorKind = (typeof FACTOR_KINDS)[number];

export interface FactorRecord {
	/** our id, handed to the member (uuid) */
	id: string;
	memberId: string;
	kind: FactorKind;
	/** Twilio Verify factor SID (YF…) */
	verifySid: string;
	/** 'unverified' until the member answers its first code */
	status: 'unverified' | 'verified';
	createdAt: Date;
	confirmedAt: Date | null;
}

/** A "remember this device" token: only its hash is stored. */
/** What second factors a member has set up, as member views and login report them. */
export interface SecondFactors {
	totp: boolean;
	recoveryCodesLeft: number;
}

export interface TrustedDeviceRecord {
	tokenHash: string;
	memberId: string;
	createdAt: Date;
	expiresAt: Date;
}

export interface SessionRecord {
	id: string;
	memberId: string;
	issuedAt: Date;
	expiresAt: Date;
	revokedAt: Date | null;
}

/** One rate limit on sends, e.g. key 'phone:+14155550123': at most `max` per window and a cool-down between sends. */
export interface SendLimit {
	key: string;
	max: number;
	windowSeconds: number;
	cooldownSeconds: number;
}

export type SendAllowance = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** What the admin list asks for; `after` is the last row of the previous page (keyset pagination). */
export interface MemberListQuery {
	/** 'all' or one status */
	status: MemberStatus | 'all';
	/** '' for every member; otherwise a case-insensitive substring of the email, or an exact E.164 phone */
	text: string;
	after?: { createdAt: Date; id: string };
	limit: number;
}

export interface PurgeResult {
	challenges: number;
	sessions: number;
	sendCounters: number;
	trustedDevices: number;
}

/** The store's queries. Each is atomic on its own; `MemberStore.transaction` groups several. */
export interface MemberQueries {
	findMemberById(id: string): Promise<MemberRecord | undefined>;
	findMemberByEmail(email: string): Promise<MemberRecord | undefined>;
	findMemberByPhone(phone: string): Promise<MemberRecord | undefined>;
	/** undefined when the email or phone is already taken: the database's unique constraints decide. */
	insertMember(member: NewMember): Promise<MemberRecord | undefined>;
	setMemberStatus(id: string, status: MemberStatus): Promise<MemberRecord | undefined>;
	recordLogin(id: string, now: Date): Promise<void>;
	updatePasswordHash(id: string, passwordHash: string): Promise<void>;
	/** Re-reads the member and, inside a transaction, holds their row until it ends (PostgreSQL row lock). */
	lockMember(id: string): Promise<MemberRecord | undefined>;
	/**
	 * The member with the new phone, or undefined when another member has it: the unique constraint decides. On
	 * PostgreSQL the refusal aborts the surrounding transaction, so a caller inside one must end it (throw).
	 */
	updateMemberPhone(id: string, phone: string): Promise<MemberRecord | undefined>;
	/** Deletes the member with their sessions and the challenges bound to them or to their phone; false when gone. */
	deleteMember(id: string): Promise<boolean>;
	/** Members ordered by creation time then id, after `query.after`, at most `query.limit`. */
	listMembers(query: MemberListQuery): Promise<MemberRecord[]>;

	insertChallenge(challenge: NewChallenge): Promise<void>;
	findChallenge(idHash: string): Promise<ChallengeRecord | undefined>;
	/** The challenge of this kind for this phone still waiting for a code, else the newest one. */
	findLatestChallenge(kind: ChallengeKind, phone: string): Promise<ChallengeRecord | undefined>;
	/**
	 * Reserves one code attempt before Verify is asked: counts it if fewer than `maxCodeAttempts` were made and the
	 * challenge is unused; returns the attempts so far, or undefined when none is left or the challenge is gone.
	 */
	reserveCodeAttempt(idHash: string, maxCodeAttempts: number): Promise<number | undefined>;
	/** Marks the challenge used if it is still live; only one concurrent caller gets true. */
	consumeChallenge(idHash: string, options: { now: Date; maxCodeAttempts: number }): Promise<boolean>;
	setChallengeChannel(idHash: string, channel: PhoneChannel): Promise<void>;
	/**
	 * Uses up the member's logins still waiting for their code: a login whose password step came before a password
	 * change (or a reset, a phone change, log out everywhere) cannot open a session after it. Returns how many.
	 */
	cancelPendingLogins(memberId: string, now: Date): Promise<number>;

	insertSession(session: SessionRecord): Promise<void>;
	findSession(id: string): Promise<SessionRecord | undefined>;
	revokeSession(id: string, now: Date): Promise<boolean>;
	/** Revokes the member's live sessions (but `keepSessionId`); returns how many. */
	revokeMemberSessions(memberId: string, now: Date, keepSessionId?: string): Promise<number>;

	/** Counts one send against the limit if it allows one now; otherwise counts nothing and says how long to wait. */
	countSend(limit: SendLimit, now: Date): Promise<SendAllowance>;
	/** What `countSend` would answer now, without counting anything. */
	peekSend(limit: SendLimit, now: Date): Promise<SendAllowance>;
	/** Forgets a counter (a right password or code proves the caller). */
	resetCounter(key: string): Promise<void>;
	/** Ends a counter's cool-down (its last send is moved back to `cooledAt` if later), keeping its window count. */
	endCooldown(key: string, cooledAt: Date): Promise<void>;

	insertFactor(factor: FactorRecord): Promise<void>;
	/** The member's factors, oldest first. */
	listFactors(memberId: string): Promise<FactorRecord[]>;
	/** Marks an unverified factor of the member verified; false when it is gone or already verified. */
	confirmFactor(memberId: string, factorId: string, now: Date): Promise<boolean>;
	/**
	 * Records that a code of this factor was just accepted; false when the same code (by hash) was already accepted
	 * since `reusableAfter`, so one code opens one login (RFC 6238 §5.2), also for concurrent logins.
	 */
	useFactorCode(factorId: string, codeHash: string, now: Date, reusableAfter: Date): Promise<boolean>;
	/** Removes one factor of the member; false when it was not theirs or is gone. */
	deleteFactor(memberId: string, factorId: string): Promise<boolean>;

	/** Replaces every recovery code of the member with these hashes. */
	replaceRecoveryCodes(memberId: string, codeHashes: string[], now: Date): Promise<void>;
	/** Uses one unused recovery code of the member; of concurrent uses of one code, exactly one gets true. */
	useRecoveryCode(memberId: string, codeHash: string, now: Date): Promise<boolean>;
	/** How many unused recovery codes the member has left. */
	countRecoveryCodes(memberId: string): Promise<number>;
	/** For each of these members (unknown ones left out): a confirmed authenticator app or not, recovery codes left. */
	secondFactorsOf(memberIds: string[]): Promise<Map<string, SecondFactors>>;
	deleteRecoveryCodes(memberId: string): Promise<number>;

	insertTrustedDevice(device: TrustedDeviceRecord): Promise<void>;
	findTrustedDevice(tokenHash: string): Promise<TrustedDeviceRecord | undefined>;
	/** Forgets every trusted device of the member; returns how many. */
	deleteTrustedDevices(memberId: string): Promise<number>;

	/** Deletes challenges and sessions that ended before `before`, and send counters idle since then. */
	purgeExpired(before: Date): Promise<PurgeResult>;
	schemaVersion(): Promise<number>;
}

export type StoreBackend = 'sqlite' | 'postgres';

export interface MemberStore extends MemberQueries {
	readonly backend: StoreBackend;
	/**
	 * Runs `work` in one database transaction: it commits when `work` resolves and rolls back when it throws.
	 * Inside, use only the `tx` handed in (the SQLite backend runs one statement at a time per connection).
	 */
	transaction<T>(work: (tx: MemberQueries) => Promise<T>): Promise<T>;
	close(): Promise<void>;
}

export interface SqliteStoreConfig {
	backend: 'sqlite';
	/** database file; its folder is created when missing */
	path: string;
}

export interface PostgresStoreConfig {
	backend: 'postgres';
	host: string;
	port: number;
	database: string;
	user: string;
	password: string;
	ssl: PostgresSsl;
	/** pool size per credential, default 10 */
	maxConnections?: number;
}

/** false: plain; rejectUnauthorized false: encrypted only; true: certificate and host name checked (against `ca`). */
export type PostgresSsl = false | { rejectUnauthorized: boolean; ca?: string };

export type StoreConfig = SqliteStoreConfig | PostgresStoreConfig;
