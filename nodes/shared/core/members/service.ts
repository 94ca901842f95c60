/**
 * The member service, set up once per configuration: `createMembers` checks the store, Verify, policy and secret,
 * then hands out the flows grouped the way a frontend meets them. Every flow is a plain function of the one context.
 */
import { changePassword, changePhone, deleteAccount, sendPhoneChangeCode } from './accountChanges';
import { approveMember, blockMember, listMembers, purgeExpiredRecords } from './admin';
import { type MembersConfig, resolveConfig } from './context';
import { confirmTotp, enrollTotp, listFactors, regenerateRecoveryCodes, removeFactor } from './factors';
import { completeLogin, sendLoginCode } from './login';
import { completeOtpLogin, sendOtp } from './passwordless';
import { resetPassword, sendPasswordResetCode } from './passwordReset';
import { completeRegistration, resendRegistrationCode, sendRegistrationCode } from './register';
import { logout, logoutEverywhere, verifySession } from './sessions';

/** The end user's input of a flow, and its workflow options. */
type Input<F extends (...args: never[]) => unknown> = Parameters<F>[1];
type Options<F extends (...args: never[]) => unknown> = Parameters<F>[2];

export function createMembers(config: MembersConfig) {
	const flow = resolveConfig(config);
	return {
		/** the policy in force, defaults filled in */
		policy: flow.policy,
		registration: {
			sendCode: (input: Input<typeof sendRegistrationCode>) => sendRegistrationCode(flow, input),
			resendCode: (input: Input<typeof resendRegistrationCode>) => resendRegistrationCode(flow, input),
			complete: (input: Input<typeof completeRegistration>, options?: Options<typeof completeRegistration>) =>
				completeRegistration(flow, input, options),
		},
		login: {
			sendCode: (input: Input<typeof sendLoginCode>) => sendLoginCode(flow, input),
			complete: (input: Input<typeof completeLogin>) => completeLogin(flow, input),
		},
		passwordless: {
			sendCode: (input: Input<typeof sendOtp>) => sendOtp(flow, input),
			complete: (input: Input<typeof completeOtpLogin>, options: Options<typeof completeOtpLogin>) =>
				completeOtpLogin(flow, input, options),
		},
		sessions: {
			verify: (input: Input<typeof verifySession>) => verifySession(flow, input),
			logout: (input: Input<typeof logout>) => logout(flow, input),
			logoutAll: (input: Input<typeof logoutEverywhere>) => logoutEverywhere(flow, input),
		},
		account: {
			sendPasswordResetCode: (input: Input<typeof sendPasswordResetCode>) => sendPasswordResetCode(flow, input),
			resetPassword: (input: Input<typeof resetPassword>) => resetPassword(flow, input),
			changePassword: (input: Input<typeof changePassword>) => changePassword(flow, input),
			sendPhoneChangeCode: (input: Input<typeof sendPhoneChangeCode>) => sendPhoneChangeCode(flow, input),
			changePhone: (input: Input<typeof changePhone>) => changePhone(flow, input),
			delete: (input: Input<typeof deleteAccount>) => deleteAccount(flow, input),
		},
		factors: {
			list: (input: Input<typeof listFactors>) => listFactors(flow, input),
			enrollTotp: (input: Input<typeof enrollTotp>) => enrollTotp(flow, input),
			confirmTotp: (input: Input<typeof confirmTotp>) => confirmTotp(flow, input),
			remove: (input: Input<typeof removeFactor>) => removeFactor(flow, input),
			regenerateRecoveryCodes: (input: Input<typeof regenerateRecoveryCodes>) => regenerateRecoveryCodes(flow, input),
		},
		admin: {
			list: (input?: Input<typeof listMembers>) => listMembers(flow, input),
			approve: (selector: Input<typeof approveMember>) => approveMember(flow, selector),
			block: (selector: Input<typeof blockMember>) => blockMember(flow, selector),
			purgeExpired: (options: Input<typeof purgeExpiredRecords>) => purgeExpiredRecords(flow, options),
		},
	};
}

export type Members = ReturnType<typeof createMembers>;
