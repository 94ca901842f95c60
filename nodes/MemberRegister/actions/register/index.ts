import { memberOperations } from '../../../shared/n8n/memberOperation';
import approve from './approve.operation';
import block from './block.operation';
import complete from './complete.operation';
import listCountries from './listCountries.operation';
import purgeExpired from './purgeExpired.operation';
import resendCode from './resendCode.operation';
import sendCode from './sendCode.operation';

/** The node's operations; the first is the default. */
export const operations = memberOperations({ sendCode, resendCode, complete, approve, block, listCountries, purgeExpired });
