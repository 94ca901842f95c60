/** Cancel and Get act on one existing verification: its Verify Service and its SID. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { VerifyClient } from '../../../shared/core/verify/client';
import { showFor } from '../../../shared/n8n/displayOptions';
import { readVerificationSid, verificationSidField } from '../../../shared/n8n/verification';
import { readServiceSid, serviceField } from '../../../shared/n8n/verifyService';

export function verificationTargetFields(operation: string): INodeProperties[] {
	const shown = showFor([operation]);
	return [serviceField(shown), verificationSidField(shown)];
}

export function readVerificationTarget(context: IExecuteFunctions, client: VerifyClient, itemIndex: number) {
	return { serviceSid: readServiceSid(context, client, itemIndex), verificationSid: readVerificationSid(context, itemIndex) };
}
