/**
 * The store's SQL for second factors: authenticator apps (Twilio's factor SID and the last code accepted), recovery
 * codes and trusted devices, by hash wherever a secret is involved. Single use is settled in one conditional UPDATE.
 */
import { isUuid } from '../ids';
import type { FactorKind, FactorRecord, SecondFactors, TrustedDeviceRecord } from '../types';
import { TABLES } from './migrations';
import { rowReader, type SqlRunner, toDate, toDateOrNull } from './sql';

const { factors, recoveryCodes, trustedDevices } = TABLES;

export class SqlFactorQueries {
	constructor(protected readonly sql: SqlRunner) {}

	async insertFactor(factor: FactorRecord): Promise<void> {
		await this.sql.execute(
			`INSERT INTO ${factors} (id, member_id, kind, verify_sid, status, created_at, confirmed_at)
			 VALUES ($1, $2, $3, $4, $5, $6, $7)`,
			[factor.id, factor.memberId, factor.kind, factor.verifySid, factor.status, factor.createdAt, factor.confirmedAt],
		);
	}

	async listFactors(memberId: string): Promise<FactorRecord[]> {
		if (!isUuid(memberId)) return [];
		const rows = await this.sql.query(`SELECT * FROM ${factors} WHERE member_id = $1 ORDER BY created_at, id`, [memberId]);
		return rows.map(toFactor);
	}

	async confirmFactor(memberId: string, factorId: string, now: Date): Promise<boolean> {
		if (!isUuid(memberId) || !isUuid(factorId)) return false;
		const changed = await this.sql.execute(
			`UPDATE ${factors} SET status = 'verified', confirmed_at = $3
			 WHERE id = $2 AND member_id = $1 AND status = 'unverified'`,
			[memberId, factorId, now],
		);
		return changed === 1;
	}

	async useFactorCode(factorId: string, codeHash: string, now: Date, reusableAfter: Date): Promise<boolean> {
		if (!isUuid(factorId)) return false;
		const changed = await this.sql.execute(
			`UPDATE ${factors} SET last_code_hash = $2, last_code_at = $3
			 WHERE id = $1 AND (last_code_hash IS NULL OR last_code_hash <> $2 OR last_code_at < $4)`,
			[factorId, codeHash, now, reusableAfter],
		);
		return changed === 1;
	}

	async deleteFactor(memberId: string, factorId: string): Promise<boolean> {
		if (!isUuid(memberId) || !isUuid(factorId)) return false;
		return (await this.sql.execute(`DELETE FROM ${factors} WHERE id = $2 AND member_id = $1`, [memberId, factorId])) === 1;
	}

	async replaceRecoveryCodes(memberId: string, codeHashes: string[], now: Date): Promise<void> {
		await this.deleteRecoveryCodes(memberId);
		for (const codeHash of codeHashes) {
			await this.sql.execute(
				`INSERT INTO ${recoveryCodes} (member_id, code_hash, created_at, used_at) VALUES ($1, $2, $3, NULL)`,
				[memberId, codeHash, now],
			);
		}
	}

	async useRecoveryCode(memberId: string, codeHash: string, now: Date): Promise<boolean> {
		if (!isUuid(memberId)) return false;
		// One conditional statement: of two logins racing with one code, one changes the row and the other nothing.
		const changed = await this.sql.execute(
			`UPDATE ${recoveryCodes} SET used_at = $3 WHERE member_id = $1 AND code_hash = $2 AND used_at IS NULL`,
			[memberId, codeHash, now],
		);
		return changed === 1;
	}

	async secondFactorsOf(memberIds: string[]): Promise<Map<string, SecondFactors>> {
		const ids = memberIds.filter(isUuid);
		const found = new Map<string, SecondFactors>();
		if (ids.length === 0) return found;
		const list = ids.map((_, index) => `$${index + 1}`).join(', ');
		// One round trip: a row per member with a confirmed app, and a row per member with recovery codes left.
		const rows = await this.sql.query(
			`SELECT member_id, 'totp' AS kind, 1 AS n FROM ${factors}
			 WHERE member_id IN (${list}) AND kind = 'totp' AND status = 'verified'
			 UNION ALL
			 SELECT member_id, 'recovery' AS kind, COUNT(*) AS n FROM ${recoveryCodes}
			 WHERE member_id IN (${list}) AND used_at IS NULL GROUP BY member_id`,
			ids,
		);
		const withApp = new Set(rows.filter((row) => row.kind === 'totp').map((row) => String(row.member_id)));
		const codesLeft = new Map(rows.filter((row) => row.kind === 'recovery').map((row) => [String(row.member_id), Number(row.n)]));
		for (const id of ids) found.set(id, { totp: withApp.has(id), recoveryCodesLeft: codesLeft.get(id) ?? 0 });
		return found;
	}

	async countRecoveryCodes(memberId: string): Promise<number> {
		if (!isUuid(memberId)) return 0;
		const rows = await this.sql.query(
			`SELECT COUNT(*) AS left_over FROM ${recoveryCodes} WHERE member_id = $1 AND used_at IS NULL`,
			[memberId],
		);
		return Number(rows[0].left_over);
	}

	async deleteRecoveryCodes(memberId: string): Promise<number> {
		if (!isUuid(memberId)) return 0;
		return this.sql.execute(`DELETE FROM ${recoveryCodes} WHERE member_id = $1`, [memberId]);
	}

	async insertTrustedDevice(device: TrustedDeviceRecord): Promise<void> {
		await this.sql.execute(
			`INSERT INTO ${trustedDevices} (token_hash, member_id, created_at, expires_at) VALUES ($1, $2, $3, $4)`,
			[device.tokenHash, device.memberId, device.createdAt, device.expiresAt],
		);
	}

	async findTrustedDevice(tokenHash: string): Promise<TrustedDeviceRecord | undefined> {
		const rows = await this.sql.query(`SELECT * FROM ${trustedDevices} WHERE token_hash = $1`, [tokenHash]);
		return rows[0] && toTrustedDevice(rows[0]);
	}

	async deleteTrustedDevices(memberId: string): Promise<number> {
		if (!isUuid(memberId)) return 0;
		return this.sql.execute(`DELETE FROM ${trustedDevices} WHERE member_id = $1`, [memberId]);
	}
}

const toFactor = rowReader<FactorRecord>({
	id: String,
	memberId: String,
	kind: (value) => value as FactorKind,
	verifySid: String,
	status: (value) => (value === 'verified' ? 'verified' : 'unverified'),
	createdAt: toDate,
	confirmedAt: toDateOrNull,
});

const toTrustedDevice = rowReader<TrustedDeviceRecord>({ tokenHash: String, memberId: String, createdAt: toDate, expiresAt: toDate });
