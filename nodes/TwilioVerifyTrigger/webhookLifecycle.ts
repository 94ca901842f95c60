/**
 * n8n's webhook methods: the Verify webhook on the chosen service exists while the workflow is published. Its SID and
 * service are kept in the node's static data, so unpublishing removes exactly the webhook that publishing created.
 */
import type { IHookFunctions } from 'n8n-workflow';

import { isSid, type VerifyClient } from '../shared/core/verify/client';
import * as eventWebhook from '../shared/core/verify/eventWebhook';
import { ConfigurationError } from '../shared/core/errors';
import { toNodeError } from '../shared/n8n/errors';
import { verifyClientFor } from '../shared/n8n/transport';

interface StaticWebhookData {
	webhookSid?: string;
	serviceSid?: string;
}

function chosenServiceSid(context: IHookFunctions, client: VerifyClient): string {
	const chosen = String(context.getNodeParameter('serviceSid', '', { extractValue: true }) ?? '').trim();
	const serviceSid = chosen || client.defaultServiceSid;
	if (!serviceSid || !isSid(serviceSid, 'VA')) {
		throw new ConfigurationError('MISSING_SERVICE_SID', 'Pick a Verify Service (VA followed by 32 hex digits)', {
			description: 'Choose one in the node, or set a default Verify Service SID in the credential.',
		});
	}
	return serviceSid;
}

function chosenEventTypes(context: IHookFunctions): string[] {
	const events = (context.getNodeParameter('events', []) as string[]).map(String);
	// `*` already covers every event; Twilio keeps the list as sent.
	return events.length === 0 || events.includes('*') ? ['*'] : events;
}

async function targetOf(context: IHookFunctions): Promise<{ client: VerifyClient; target: eventWebhook.EventWebhookTarget }> {
	const client = await verifyClientFor(context);
	const webhookUrl = context.getNodeWebhookUrl('default');
	if (!webhookUrl) throw new ConfigurationError('MISSING_WEBHOOK_URL', 'n8n has no webhook URL for this trigger');
	return { client, target: { serviceSid: chosenServiceSid(context, client), webhookUrl, eventTypes: chosenEventTypes(context) } };
}

async function withNodeErrors<T>(context: IHookFunctions, work: () => Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (error) {
		throw toNodeError(context.getNode(), error, 0);
	}
}

export async function eventWebhookExists(this: IHookFunctions): Promise<boolean> {
	return await withNodeErrors(this, async () => {
		const data = this.getWorkflowStaticData('node') as StaticWebhookData;
		const { client, target } = await targetOf(this);
		const found = await eventWebhook.findEventWebhook(client, target);
		if (found?.upToDate) {
			Object.assign(data, { webhookSid: found.sid, serviceSid: target.serviceSid });
			return true;
		}
		// A webhook for this URL with other events (the node was edited): replaced by create().
		if (found) await eventWebhook.removeEventWebhook(client, target.serviceSid, found.sid);
		delete data.webhookSid;
		delete data.serviceSid;
		return false;
	});
}

export async function createEventWebhook(this: IHookFunctions): Promise<boolean> {
	return await withNodeErrors(this, async () => {
		const data = this.getWorkflowStaticData('node') as StaticWebhookData;
		const { client, target } = await targetOf(this);
		// No personal data in the name: Twilio shows it in the Console and logs.
		const webhookSid = await eventWebhook.registerEventWebhook(client, target, `n8n workflow ${this.getWorkflow().id ?? ''}`.trim());
		Object.assign(data, { webhookSid, serviceSid: target.serviceSid });
		return true;
	});
}

export async function removeEventWebhook(this: IHookFunctions): Promise<boolean> {
	return await withNodeErrors(this, async () => {
		const data = this.getWorkflowStaticData('node') as StaticWebhookData;
		if (data.webhookSid && data.serviceSid) {
			const client = await verifyClientFor(this);
			await eventWebhook.removeEventWebhook(client, data.serviceSid, data.webhookSid);
		}
		delete data.webhookSid;
		delete data.serviceSid;
		return true;
	});
}
