/** The only shape in which a member leaves the core: no hash, no counters, a masked phone. */
import { maskPhone } from '../phones';
import type { MemberRecord, MemberStatus } from './types';

export interface MemberView {
	id: string;
	email: string;
	/** masked, e.g. "+1 ••• ••• 0123" */
	phone: string;
	status: MemberStatus;
	/** ISO 8601 */
	createdAt: string;
}

export function toMemberView(member: MemberRecord): MemberView {
	return {
		id: member.id,
		email: member.email,
		phone: maskPhone(member.phone),
		status: member.status,
		createdAt: member.createdAt.toISOString(),
	};
}
