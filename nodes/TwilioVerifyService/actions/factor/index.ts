import { resourceOf } from '../common';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as verify from './verify.operation';

export const { operations, description } = resourceOf({ create, delete: del, get, getAll, verify }, 'factor', 'create', {
	create: {
		action: 'Create a TOTP factor',
		description: 'Create an authenticator app (TOTP) factor and get the otpauth:// URI to show as a QR code',
	},
	delete: { action: 'Delete a factor', description: 'Delete a factor and its challenges' },
	get: { action: 'Get a factor', description: 'Get a factor by SID' },
	getAll: { action: 'Get many factors', description: 'List the factors of an entity' },
	verify: {
		action: 'Verify a factor',
		description: 'Confirm a new factor with a first code from the app; a wrong code leaves it unverified',
	},
});
