import type { INodeProperties } from 'n8n-workflow';

import { describeOperations } from '../../../shared/n8n/operations';
import type { MemberOperations } from '../../../shared/n8n/memberNode';
import * as changePassword from './changePassword.operation';
import * as changePhone from './changePhone.operation';
import * as confirmTotp from './confirmTotp.operation';
import * as deleteAccount from './deleteAccount.operation';
import * as enrollTotp from './enrollTotp.operation';
import * as listFactors from './listFactors.operation';
import * as listMembers from './listMembers.operation';
import * as logoutAll from './logoutAll.operation';
import * as newRecoveryCodes from './newRecoveryCodes.operation';
import * as removeFactor from './removeFactor.operation';
import * as resetPassword from './resetPassword.operation';
import * as sendPhoneCode from './sendPhoneCode.operation';
import * as sendResetCode from './sendResetCode.operation';

export const operations = {
	sendResetCode,
	resetPassword,
	changePassword,
	sendPhoneCode,
	changePhone,
	logoutAll,
	enrollTotp,
	confirmTotp,
	removeFactor,
	newRecoveryCodes,
	listFactors,
	deleteAccount,
	listMembers,
} satisfies MemberOperations;

export type AccountOperation = keyof typeof operations;

export const description: INodeProperties[] = describeOperations(operations, 'sendResetCode' satisfies AccountOperation);
