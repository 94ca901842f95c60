import { memberOperation } from '../../../shared/n8n/memberOperation';

/** Keeps the store small: run it from a Schedule Trigger, e.g. daily. */
export default memberOperation({
	option: { name: 'Delete Expired Data', action: 'Delete expired data', description: 'Remove ended codes\' challenges, sessions and idle rate-limit counters' },
	needs: 'store', security: [],
	fields: (shown) => [
		{
			displayName: 'Older Than (Hours)',
			name: 'olderThanHours',
			type: 'number',
			default: 24,
			typeOptions: { minValue: 1 },
			description: 'Codes\' challenges and sessions that ended longer ago than this are deleted; members are kept',
			displayOptions: shown,
		},
	],
	execute: async (members, _input, parameter) => ({ deleted: await members.admin.purgeExpired({ olderThanHours: parameter('olderThanHours') }) }),
});
