/** An in-memory Verify: records every send and accepts one known code for a phone that was sent a code. */
import { OutcomeError } from '../../nodes/shared/core/errors';
import type {
	CheckResult,
	CheckVerificationRequest,
	SendVerificationRequest,
	VerificationGateway,
	VerificationSummary,
} from '../../nodes/shared/core/verify/types';

export const GOOD_CODE = '246810';
export const WRONG_CODE = '135790';

export class FakeVerifyGateway implements VerificationGateway {
	readonly sends: SendVerificationRequest[] = [];
	readonly checks: CheckVerificationRequest[] = [];

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
