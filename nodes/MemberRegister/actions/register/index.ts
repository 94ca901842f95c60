import type { INodeProperties } from 'n8n-workflow';

import { describeOperations } from '../../../shared/n8n/operations';
import type { MemberOperations } from '../../../shared/n8n/memberNode';
import * as approve from './approve.operation';
import * as block from './block.operation';
import * as complete from './complete.operation';
import * as listCountries from './listCountries.operation';
import * as purgeExpired from './purgeExpired.operation';
import * as resendCode from './resendCode.operation';
import * as sendCode from './sendCode.operation';

export const operations = {
	sendCode,
	resendCode,
	complete,
	approve,
	block,
	listCountries,
	purgeExpired,
} satisfies MemberOperations;

export type RegisterOperation = keyof typeof operations;

export const description: INodeProperties[] = describeOperations(operations, 'sendCode' satisfies RegisterOperation);
