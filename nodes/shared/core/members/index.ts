/**
 * Members: a phone-verified sign-up and sign-in backend in plain TypeScript (no n8n imports). A node opens a store with
 * `openStore`, calls `createMembers({ store, verify, policy, sessionSecret })` once per execution, calls a flow per
 * item, and routes OutcomeError as data.
 */
export type { ChangePasswordInput, DeleteAccountInput, SendPhoneChangeCodeInput } from './accountChanges';
export { LIST_LIMITS, type ListMembersInput, type MemberList, type MemberSelector } from './admin';
export { MIN_SESSION_SECRET_LENGTH, type MemberFlowContext, type MembersConfig, type VerifySetup } from './context';
export type { FactorView, RemoveFactorInput, TotpEnrolment } from './factors';
export type { ApprovalMode, CodeSent } from './flowTypes';
export type { PendingApproval, SessionGrant } from './grants';
export { INPUT_LIMITS } from './input';
export type { CompleteLoginInput, LoginStarted, SendLoginCodeInput, TrustedLogin } from './login';
export type { OtpLoginResult, SendOtpInput } from './passwordless';
export type { ResetPasswordInput, SendPasswordResetInput } from './passwordReset';
export {
	CURRENT_SCRYPT_PARAMS,
	type ScryptParams,
	checkPasswordPolicy,
	describeHash,
	hashPassword,
	needsRehash,
	verifyAgainstDummy,
	verifyPassword,
} from './passwords';
export {
	DEFAULT_MEMBER_POLICY,
	MAX_PASSWORD_LENGTH,
	type MemberPolicy,
	type NumericPolicy,
	type PolicyOverrides,
	POLICY_NAMES,
	resolvePolicy,
} from './policy';
export type { RegistrationResult, SendRegistrationCodeInput } from './register';
export { type Members, createMembers } from './service';
export { SESSION_AUDIENCE, SESSION_ISSUER, type VerifySessionResult, signSessionToken } from './sessions';
export {
	LATEST_SCHEMA_VERSION,
	TABLES,
	type StoreCheck,
	checkStore,
	closeAllStores,
	connectStore,
	openStore,
} from './store';
export * from './types';
export { type LoginFactor, type MemberView, memberView } from './view';
