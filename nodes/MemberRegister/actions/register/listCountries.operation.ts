import { listCountries } from '../../../shared/core/phones';
import { memberOperation } from '../../../shared/n8n/memberOperation';

/** One item holding every country, ready to answer a frontend's phone-country dropdown. */
export default memberOperation({
	option: { name: 'List Countries', action: 'List countries', description: 'Countries with dial codes for a phone-country dropdown' },
	needs: 'none', security: [],
	fields: () => [],
	execute: async () => ({ countries: await listCountries() }),
});
