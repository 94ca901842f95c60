/** An in-memory Verify: records every send and accepts one known code for a phone that was sent a code. */
import { OutcomeError } from '../../nodes/shared/core/errors';
import type {
	CheckResult,
	CheckVerificationRequest,
	SendVerificationRequest,
	TotpFactorCreated,
	TotpFactorRef,
	TotpGateway,
	VerificationGateway,
	VerificationSummary,
} from '../../nodes/shared/core/verify/types';

export const GOOD_CODE = '246810';
export const WRONG_CODE = '135790';

/** The one code the fake authenticator app accepts. */
export const GOOD_APP_CODE = '864209';

export class FakeVerifyGateway implements VerificationGateway, TotpGateway {
	readonly sends: SendVerificationRequest[] = [];
	readonly checks: CheckVerificationRequest[] = [];
	/** factor SID → identity, while the factor exists at the fake Twilio */
	readonly factors = new Map<string, { identity: string; verified: boolean }>();
	readonly appChecks: Array<TotpFactorRef & { code: string }> = [];

	async createTotpFactor(request: { serviceSid: string; identity: string; friendlyName: string }): Promise<TotpFactorCreated> {
		const factorSid = `YF${String(this.factors.size + 1).padStart(32, '0')}`;
		this.factors.set(factorSid, { identity: request.identity, verified: false });
		return { factorSid, uri: `otpauth://totp/Test:${encodeURIComponent(request.friendlyName)}?secret=JBSWY3DPEHPK3PXP&issuer=Test` };
	}

	async confirmTotpFactor(request: TotpFactorRef & { code: string }): Promise<boolean> {
		const factor = this.factorOf(request);
		if (!factor || request.code !== GOOD_APP_CODE) return false;
		factor.verified = true;
		return true;
	}

	async checkTotpCode(request: TotpFactorRef & { code: string }): Promise<boolean> {
		this.appChecks.push(request);
		const factor = this.factorOf(request);
		return Boolean(factor?.verified && request.code === GOOD_APP_CODE);
	}

	async deleteTotpFactor(request: TotpFactorRef): Promise<void> {
		this.factors.delete(request.factorSid);
	}

	async deleteEntity(request: { serviceSid: string; identity: string }): Promise<void> {
		for (const [sid, factor] of this.factors) if (factor.identity === request.identity) this.factors.delete(sid);
	}

	private factorOf(request: TotpFactorRef) {
		const factor = this.factors.get(request.factorSid);
		return factor?.identity === request.identity ? factor : undefined;
	}

	async send(request: SendVerificationRequest): Promise<VerificationSummary> {
		this.sends.push(request);
		return this.summary(request.to, request.channel, 'pending');
	}

	async check(request: CheckVerificationRequest): Promise<CheckResult> {
		this.checks.push(request);
		const to = 'to' in request ? request.to : '';
		if (!this.sends.some((send) => send.to === to)) {
			return { approved: false, reason: new OutcomeError('EXPIRED', 'No pending verification for this number.') };
		}
		if (request.code !== GOOD_CODE) {
			return { approved: false, reason: new OutcomeError('INVALID_CODE', 'Wrong code.') };
		}
		return { approved: true, verification: this.summary(to, 'sms', 'approved') };
	}

	sendsTo(phone: string): SendVerificationRequest[] {
		return this.sends.filter((send) => send.to === phone);
	}

	private summary(to: string, channel: string, status: string): VerificationSummary {
		return { sid: `VE${'0'.repeat(32)}`, serviceSid: SERVICE_SID, to, channel, status, valid: status === 'approved' };
	}
}

export const SERVICE_SID = `VA${'1'.repeat(32)}`;
