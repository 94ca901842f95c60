import type { INodeProperties } from 'n8n-workflow';

import { describeOperations, type VerifyOperation } from '../../../shared/n8n/operations';
import * as cancel from './cancel.operation';
import * as get from './get.operation';
import * as send from './send.operation';

export const operations = { send, cancel, get } satisfies Record<string, VerifyOperation>;

export type VerificationOperation = keyof typeof operations;

export const description: INodeProperties[] = describeOperations(operations, 'send' satisfies VerificationOperation);
