import { memberOperations } from '../../../shared/n8n/memberOperation';
import complete from './complete.operation';
import completeOtp from './completeOtp.operation';
import logout from './logout.operation';
import sendCode from './sendCode.operation';
import sendOtp from './sendOtp.operation';
import verifySession from './verifySession.operation';

/** The node's operations; the first is the default. */
export const operations = memberOperations({ sendCode, complete, sendOtp, completeOtp, verifySession, logout });
