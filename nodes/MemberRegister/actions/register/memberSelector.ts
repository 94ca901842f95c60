import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { MemberSelector } from '../../../shared/core/members';
import { showFor, withCondition } from '../../../shared/n8n/displayOptions';
import { choiceField } from '../../../shared/n8n/choiceField';

/** Approve and Block find the member by ID or by email. */
export function memberSelectorFields(operation: string): INodeProperties[] {
	const shown = showFor([operation]);
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

export function readMemberSelector(context: IExecuteFunctions, itemIndex: number): MemberSelector {
	return context.getNodeParameter('findBy', itemIndex) === 'email'
		? { email: context.getNodeParameter('email', itemIndex) }
		: { memberId: context.getNodeParameter('memberId', itemIndex) };
}
