import type { INodeProperties } from 'n8n-workflow';

import { describeOperations } from '../../../shared/n8n/operations';
import type { MemberOperations } from '../../../shared/n8n/memberNode';
import * as complete from './complete.operation';
import * as completeOtp from './completeOtp.operation';
import * as logout from './logout.operation';
import * as sendCode from './sendCode.operation';
import * as sendOtp from './sendOtp.operation';
import * as verifySession from './verifySession.operation';

export const operations = { sendCode, complete, sendOtp, completeOtp, verifySession, logout } satisfies MemberOperations;

export type LoginOperation = keyof typeof operations;

export const description: INodeProperties[] = describeOperations(operations, 'sendCode' satisfies LoginOperation);
