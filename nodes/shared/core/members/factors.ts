/**
 * Authenticator apps (TOTP through Twilio Verify), and the recovery codes that come with them. Twilio keeps the TOTP
 * secret; the store keeps the factor's SID and whether it is confirmed. Every change needs a live session, and removing
 * a factor proves the person again (the password, or an app code for a phone-only member).
 */
import { createHash } from 'node:crypto';

import { clientIpFrom } from '../clientIp';
import { OutcomeError } from '../errors';
import { qrSvg } from '../qrCode';
import { type MemberFlowContext, type VerifySetup, verifyOf } from './context';
import { newMemberId } from './ids';
import { readCode, readId, readPassword } from './input';
import { confirmCurrentPassword } from './passwordGuess';
import { codeGuessLimit, forgive, reserveCodeGuess, reserveOrRefuse, tooManySends } from './rateLimits';
import { hashNewRecoveryCodes, newRecoveryCodes } from './recoveryCodes';
import { readSessionToken, recheckSession } from './sessions';
import type { FactorRecord, MemberQueries, MemberRecord } from './types';

/** A factor as the member sees it: never Twilio's SID or anything of the secret. */
export interface FactorView {
	id: string;
	type: 'totp';
	status: 'unverified' | 'verified';
	/** ISO 8601 */
	createdAt: string;
}

export function toFactorView(factor: FactorRecord): FactorView {
	return { id: factor.id, type: factor.kind, status: factor.status, createdAt: factor.createdAt.toISOString() };
}

/** The member's confirmed authenticator app, if any. */
export async function confirmedTotp(store: MemberQueries, member: MemberRecord): Promise<FactorRecord | undefined> {
	return (await store.listFactors(member.id)).find((factor) => factor.kind === 'totp' && factor.status === 'verified');
}

/** How long an accepted app code stays refused: its 30-second step and the steps on either side Twilio accepts. */
const CODE_REUSE_WINDOW_MS = 120_000;

/**
 * Asks Twilio whether an app code is right for the member's factor, and takes it only once: Twilio accepts a code
 * for as long as it is current, so the store remembers the last one accepted and refuses it a second time.
 */
export async function checkAppCode(
	flow: MemberFlowContext,
	{ gateway, serviceSid }: VerifySetup,
	member: MemberRecord,
	factor: FactorRecord,
	code: string,
): Promise<boolean> {
	const right = await gateway.checkTotpCode({ serviceSid, identity: member.id, factorSid: factor.verifySid, code });
	if (!right) return false;
	const now = flow.now();
	const codeHash = createHash('sha256').update(`${factor.id}:${code}`, 'utf8').digest('hex');
	return await flow.store.useFactorCode(factor.id, codeHash, now, new Date(now.getTime() - CODE_REUSE_WINDOW_MS));
}

export interface TotpEnrolment {
	factorId: string;
	/** otpauth:// URI with the secret: for the member's app only, shown once */
	uri: string;
	/** the URI as a QR code (SVG) */
	qrSvg: string;
}

/** New factors a member may start in 10 minutes: each is a call to Twilio, so a stolen session cannot flood it. */
const ENROLMENTS_PER_10_MINUTES = 5;

/**
 * Starts an authenticator app: Twilio creates a TOTP factor (unconfirmed until its first code) for the member's entity,
 * whose identity is the member id (no personal data at Twilio). Earlier unconfirmed factors are dropped.
 */
export async function enrollTotp(flow: MemberFlowContext, input: { token: unknown }): Promise<TotpEnrolment> {
	const verify = verifyOf(flow);
	const now = flow.now();
	const { member } = await readSessionToken(flow.store, input?.token, { secret: flow.sessionSecret, now });
	const factors = await flow.store.listFactors(member.id);
	if (factors.some((factor) => factor.status === 'verified')) {
		throw new OutcomeError('ALREADY_ENROLLED', 'An authenticator app is already set up. Remove it to set up another.');
	}
	await reserveOrRefuse(
		flow.store,
		[{ key: `enrol:${member.id}`, max: ENROLMENTS_PER_10_MINUTES, windowSeconds: 600, cooldownSeconds: 0 }],
		now,
		tooManySends,
	);
	for (const stale of factors) {
		await verify.gateway.deleteTotpFactor({ serviceSid: verify.serviceSid, identity: member.id, factorSid: stale.verifySid });
		await flow.store.deleteFactor(member.id, stale.id);
	}
	const created = await verify.gateway.createTotpFactor({
		serviceSid: verify.serviceSid,
		identity: member.id,
		friendlyName: member.email,
	});
	const factorId = newMemberId();
	await flow.store.insertFactor({
		id: factorId,
		memberId: member.id,
		kind: 'totp',
		verifySid: created.factorSid,
		status: 'unverified',
		createdAt: now,
		confirmedAt: null,
	});
	return { factorId, uri: created.uri, qrSvg: await qrSvg(created.uri) };
}

/**
 * Confirms a new authenticator app with its first code, and hands out a fresh set of recovery codes (shown once). A
 * wrong code counts against the member's hourly code guesses, like any code.
 */
export async function confirmTotp(
	flow: MemberFlowContext,
	input: { token: unknown; factorId: unknown; code: unknown },
): Promise<{ factor: FactorView; recoveryCodes: string[] }> {
	const verify = verifyOf(flow);
	const factorId = readId(input?.factorId, 'factorId');
	const code = readCode(input?.code);
	const now = flow.now();
	const { member, session } = await readSessionToken(flow.store, input?.token, { secret: flow.sessionSecret, now });
	const factors = await flow.store.listFactors(member.id);
	const factor = factors.find((candidate) => candidate.id === factorId);
	if (!factor) throw factorNotFound();
	// One app per member: a second enrolment started in parallel cannot be confirmed once the first one is.
	if (factors.some((other) => other.status === 'verified')) {
		throw new OutcomeError('ALREADY_ENROLLED', 'An authenticator app is already set up. Remove it to set up another.');
	}

	const guessKey = `factor:${member.id}`;
	await reserveCodeGuess(flow.store, flow.policy, guessKey, now);
	const right = await verify.gateway.confirmTotpFactor({
		serviceSid: verify.serviceSid,
		identity: member.id,
		factorSid: factor.verifySid,
		code,
	});
	if (!right) throw new OutcomeError('INVALID_CODE', 'The code is not correct. Check the time on your phone and try the newest code.');
	await forgive(flow.store, [codeGuessLimit(flow.policy, guessKey)]);

	const recoveryCodes = newRecoveryCodes();
	await flow.store.transaction(async (tx) => {
		await recheckSession(tx, session, now);
		if (!(await tx.confirmFactor(member.id, factor.id, now))) throw factorNotFound();
		await tx.replaceRecoveryCodes(member.id, hashNewRecoveryCodes(member.id, recoveryCodes), now);
	});
	return { factor: toFactorView({ ...factor, status: 'verified', confirmedAt: now }), recoveryCodes };
}

export interface RemoveFactorInput {
	token: unknown;
	factorId: unknown;
	/** the current password, for a member who has one */
	password?: unknown;
	/** for a phone-only member: a code from the app being removed */
	code?: unknown;
	forwardedFor?: unknown;
}

/**
 * Removes an authenticator app after the password (or an app code for a phone-only member). With it go the member's
 * trusted devices, and the recovery codes once no app is left.
 */
export async function removeFactor(flow: MemberFlowContext, input: RemoveFactorInput): Promise<{ ok: true }> {
	const verify = verifyOf(flow);
	const factorId = readId(input?.factorId, 'factorId');
	const clientIp = clientIpFrom(input?.forwardedFor, flow.policy.trustedProxyHops);
	const now = flow.now();
	const { member, session } = await readSessionToken(flow.store, input?.token, { secret: flow.sessionSecret, now });
	const factor = await factorOf(flow.store, member, factorId);
	if (member.passwordHash) {
		await confirmCurrentPassword(flow, member, readPassword(input?.password), clientIp, now);
	} else if (factor.status === 'verified') {
		const code = readCode(input?.code);
		await reserveCodeGuess(flow.store, flow.policy, `factor:${member.id}`, now);
		if (!(await checkAppCode(flow, verify, member, factor, code))) throw new OutcomeError('INVALID_CODE', 'The code is not correct.');
	}
	// Twilio first: a factor left at Twilio but gone from the store could not be used, the other way round it would be.
	await verify.gateway.deleteTotpFactor({ serviceSid: verify.serviceSid, identity: member.id, factorSid: factor.verifySid });
	await flow.store.transaction(async (tx) => {
		await recheckSession(tx, session, now);
		await tx.deleteFactor(member.id, factor.id);
		const left = (await tx.listFactors(member.id)).filter((other) => other.status === 'verified');
		if (left.length === 0) await tx.deleteRecoveryCodes(member.id);
		await tx.deleteTrustedDevices(member.id);
	});
	return { ok: true };
}

/** Replaces every recovery code of the member with ten new ones, after the password when the member has one. */
export async function regenerateRecoveryCodes(
	flow: MemberFlowContext,
	input: { token: unknown; password?: unknown; forwardedFor?: unknown },
): Promise<{ recoveryCodes: string[] }> {
	const clientIp = clientIpFrom(input?.forwardedFor, flow.policy.trustedProxyHops);
	const now = flow.now();
	const { member, session } = await readSessionToken(flow.store, input?.token, { secret: flow.sessionSecret, now });
	if (!(await confirmedTotp(flow.store, member))) {
		throw new OutcomeError('NO_AUTHENTICATOR', 'Set up an authenticator app first; recovery codes come with it.');
	}
	if (member.passwordHash) await confirmCurrentPassword(flow, member, readPassword(input?.password), clientIp, now);
	const recoveryCodes = newRecoveryCodes();
	await flow.store.transaction(async (tx) => {
		await recheckSession(tx, session, now);
		await tx.replaceRecoveryCodes(member.id, hashNewRecoveryCodes(member.id, recoveryCodes), now);
	});
	return { recoveryCodes };
}

/** The member's factors as they see them. */
export async function listFactors(flow: MemberFlowContext, input: { token: unknown }): Promise<{ factors: FactorView[]; recoveryCodesLeft: number }> {
	const { member } = await readSessionToken(flow.store, input?.token, { secret: flow.sessionSecret, now: flow.now() });
	const factors = await flow.store.listFactors(member.id);
	return { factors: factors.map(toFactorView), recoveryCodesLeft: await flow.store.countRecoveryCodes(member.id) };
}

async function factorOf(store: MemberQueries, member: MemberRecord, factorId: string): Promise<FactorRecord> {
	const factor = (await store.listFactors(member.id)).find((candidate) => candidate.id === factorId);
	if (!factor) throw factorNotFound();
	return factor;
}

function factorNotFound(): OutcomeError {
	return new OutcomeError('NOT_FOUND', 'This authenticator app was not found. Start again.');
}
