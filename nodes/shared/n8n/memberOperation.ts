/** Everything a member operation file uses, in one import: the service type, parameter helpers and output shaping. */
export type { Members } from '../core/members';
export { showFor } from './displayOptions';
export { success } from './memberOutput';
export { approvalField, bodyField, channelField, forwardedForField, passwordField, phoneFields } from './memberProperties';
export { readRequest } from './parameters';
