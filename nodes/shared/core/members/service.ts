/**
 * The member service, set up once per configuration: `createMembers` checks the store, Verify, policy and secret,
 * then hands out the flows grouped the way a frontend meets them. Every flow is a plain function of the one context.
 */
import { approveMember, blockMember, purgeExpiredRecords } from './admin';
import { type MembersConfig, resolveConfig } from './context';
import { completeLogin, sendLoginCode } from './login';
import { completeOtpLogin, sendOtp } from './passwordless';
import { completeRegistration, resendRegistrationCode, sendRegistrationCode } from './register';
import { logout, verifySession } from './sessions';

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
		},
		admin: {
			approve: (selector: Input<typeof approveMember>) => approveMember(flow, selector),
			block: (selector: Input<typeof blockMember>) => blockMember(flow, selector),
			purgeExpired: (options: Input<typeof purgeExpiredRecords>) => purgeExpiredRecords(flow, options),
		},
	};
}

export type Members = ReturnType<typeof createMembers>;
