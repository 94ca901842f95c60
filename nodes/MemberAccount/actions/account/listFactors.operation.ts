import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { type Members, readRequest, success } from '../../../shared/n8n/memberOperation';
import { tokenField } from '../../../shared/n8n/tokenField';

export const option = {
	name: 'List Second Factors',
	action: 'List the second factors',
	description: 'The member\'s authenticator apps and how many recovery codes are left',
};

export const needs = 'store';

/** The Security options that apply to this operation. */
export const security = [] as const;

export const description: INodeProperties[] = [tokenField('listFactors')];

export async function execute(this: IExecuteFunctions, members: Members, itemIndex: number): Promise<IDataObject> {
	return success(await members.factors.list(readRequest(this, itemIndex, ['token'])));
}
