import { memberOperations } from '../../../shared/n8n/memberOperation';
import changePassword from './changePassword.operation';
import changePhone from './changePhone.operation';
import confirmTotp from './confirmTotp.operation';
import deleteAccount from './deleteAccount.operation';
import enrollTotp from './enrollTotp.operation';
import listFactors from './listFactors.operation';
import listMembers from './listMembers.operation';
import logoutAll from './logoutAll.operation';
import newRecoveryCodes from './newRecoveryCodes.operation';
import removeFactor from './removeFactor.operation';
import resetPassword from './resetPassword.operation';
import sendPhoneCode from './sendPhoneCode.operation';
import sendResetCode from './sendResetCode.operation';

/** The node's operations; the first is the default. */
export const operations = memberOperations({
	sendResetCode, resetPassword, changePassword, sendPhoneCode, changePhone, logoutAll,
	enrollTotp, confirmTotp, removeFactor, newRecoveryCodes, listFactors, deleteAccount, listMembers,
});
