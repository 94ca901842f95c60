/** The only shape in which a member leaves the core: no hash, no counters, a masked phone, the factors they have. */
import { maskPhone } from '../phones';
import type { MemberQueries, MemberRecord, MemberStatus, SecondFactors } from './types';

/** How a member can answer the second step of a login: their phone always, an app and recovery codes when set up. */
export type LoginFactor = 'totp' | 'sms' | 'recoveryCode';

export interface MemberView {
	id: string;
	email: string;
	/** masked, e.g. "+1 ••• ••• 0123" */
	phone: string;
	status: MemberStatus;
	/** ISO 8601 */
	createdAt: string;
	/** e.g. ["totp", "sms", "recoveryCode"] */
	factors: LoginFactor[];
}

const NO_SECOND_FACTORS: SecondFactors = { totp: false, recoveryCodesLeft: 0 };

function loginFactors({ totp, recoveryCodesLeft }: SecondFactors): LoginFactor[] {
	return [...(totp ? (['totp'] as const) : []), 'sms', ...(recoveryCodesLeft > 0 ? (['recoveryCode'] as const) : [])];
}

/** The members as views; the second factors of all of them are read at once. */
export async function memberViews(store: MemberQueries, members: MemberRecord[]): Promise<MemberView[]> {
	const found = await store.secondFactorsOf(members.map((member) => member.id));
	return members.map((member) => ({
		id: member.id,
		email: member.email,
		phone: maskPhone(member.phone),
		status: member.status,
		createdAt: member.createdAt.toISOString(),
		factors: loginFactors(found.get(member.id) ?? NO_SECOND_FACTORS),
	}));
}

export async function memberView(store: MemberQueries, member: MemberRecord): Promise<MemberView> {
	return (await memberViews(store, [member]))[0];
}

export async function loginFactorsOf(store: MemberQueries, member: MemberRecord): Promise<LoginFactor[]> {
	return (await memberView(store, member)).factors;
}
