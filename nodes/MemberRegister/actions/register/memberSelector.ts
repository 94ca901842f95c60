import type { INodeProperties } from 'n8n-workflow';

import type { MemberSelector } from '../../../shared/core/members';
import { type ReadParameter, type Shown, withCondition } from '../../../shared/n8n/memberOperation';
import { choiceField } from '../../../shared/n8n/choiceField';

/** Approve and Block find the member by ID or by email. */
export function memberSelectorFields(shown: Shown): INodeProperties[] {
	return [
		choiceField(
			'Find Member By',
			'findBy',
			[
				{ name: 'Member ID', value: 'memberId' },
				{ name: 'Email', value: 'email' },
			],
			{ displayOptions: shown },
		),
		{
			displayName: 'Member ID',
			name: 'memberId',
			type: 'string',
			default: '',
			required: true,
			displayOptions: withCondition(shown, { findBy: ['memberId'] }),
		},
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'name@email.com',
			displayOptions: withCondition(shown, { findBy: ['email'] }),
		},
	];
}

export function readMemberSelector(parameter: ReadParameter): MemberSelector {
	return parameter('findBy') === 'email' ? { email: parameter('email') } : { memberId: parameter('memberId') };
}
