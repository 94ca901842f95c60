/**
 * The member service, set up once per configuration: `createMembers` checks the store, Verify, policy and secret,
 * then hands out the flows grouped the way a frontend meets them. Every flow is a plain function of the one context.
 */
import { changePassword, changePhone, deleteAccount, sendPhoneChangeCode } from './accountChanges';
import { approveMember, blockMember, listMembers, purgeExpiredRecords } from './admin';
import { type MemberFlowContext, type MembersConfig, resolveConfig } from './context';
import { confirmTotp, enrollTotp, listFactors, regenerateRecoveryCodes, removeFactor } from './factors';
import { completeLogin, sendLoginCode } from './login';
import { completeOtpLogin, sendOtp } from './passwordless';
import { resetPassword, sendPasswordResetCode } from './passwordReset';
import { completeRegistration, resendRegistrationCode, sendRegistrationCode } from './register';
import { logout, logoutEverywhere, verifySession } from './sessions';

/** A flow with the service's context already given: what callers of `createMembers` see. */
type Bound<F> = F extends (flow: MemberFlowContext, ...args: infer A) => infer R ? (...args: A) => R : never;

/** Gives every flow of a group the one context, so callers pass only the request. */
function withContext<T extends Record<string, (flow: MemberFlowContext, ...args: never[]) => unknown>>(
	flow: MemberFlowContext,
	flows: T,
): { [K in keyof T]: Bound<T[K]> } {
	const bound = Object.entries(flows).map(([name, run]) => [name, (...args: never[]) => run(flow, ...args)]);
	return Object.fromEntries(bound) as { [K in keyof T]: Bound<T[K]> };
}

export function createMembers(config: MembersConfig) {
	const flow = resolveConfig(config);
	return {
		/** the policy in force, defaults filled in */
		policy: flow.policy,
		registration: withContext(flow, { sendCode: sendRegistrationCode, resendCode: resendRegistrationCode, complete: completeRegistration }),
		login: withContext(flow, { sendCode: sendLoginCode, complete: completeLogin }),
		passwordless: withContext(flow, { sendCode: sendOtp, complete: completeOtpLogin }),
		sessions: withContext(flow, { verify: verifySession, logout, logoutAll: logoutEverywhere }),
		account: withContext(flow, {
			sendPasswordResetCode,
			resetPassword,
			changePassword,
			sendPhoneChangeCode,
			changePhone,
			delete: deleteAccount,
		}),
		factors: withContext(flow, {
			list: listFactors,
			enrollTotp,
			confirmTotp,
			remove: removeFactor,
			regenerateRecoveryCodes,
		}),
		admin: withContext(flow, { list: listMembers, approve: approveMember, block: blockMember, purgeExpired: purgeExpiredRecords }),
	};
}

export type Members = ReturnType<typeof createMembers>;
