/**
 * Members: a phone-verified sign-up and sign-in backend as plain functions (no n8n imports). Nodes open a store with
 * `openStore`, build a context `{ store, gateway, serviceSid, sessionSecret, policy?, now? }`, call a flow per item,
 * and route OutcomeError as data.
 */
export { approveMember, blockMember, purgeExpiredRecords, type MemberSelector } from './admin';
export {
	type MemberFlowContext,
	type SessionContext,
	type StoreContext,
	MIN_SESSION_SECRET_LENGTH,
	checkSessionSecret,
} from './context';
export type { PendingApproval, SessionGrant } from './grants';
export { INPUT_LIMITS } from './input';
export { completeLogin, sendLoginCode, type SendLoginCodeInput } from './login';
export { completeOtpLogin, sendOtp, type OtpLoginResult, type SendOtpInput } from './otp';
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
export { DEFAULT_MEMBER_POLICY, MAX_PASSWORD_LENGTH, type MemberPolicy, resolvePolicy } from './policy';
export {
	type ApprovalMode,
	type CodeSent,
	type RegistrationResult,
	type SendRegistrationCodeInput,
	completeRegistration,
	resendRegistrationCode,
	sendRegistrationCode,
} from './register';
export {
	SESSION_AUDIENCE,
	SESSION_ISSUER,
	type VerifySessionResult,
	logout,
	readSessionToken,
	signSessionToken,
	verifySession,
} from './sessions';
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
export { type MemberView, toMemberView } from './view';
