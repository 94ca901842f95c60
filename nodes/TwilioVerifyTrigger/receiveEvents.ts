/**
 * webhook(): a request starts the workflow only when it carries Twilio's signature for the credential's Auth Token;
 * anything else is answered 403 and starts nothing. Each event becomes one item.
 */
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { isWantedEvent, readVerifyEvents } from '../shared/core/verify/events';
import { isValidTwilioSignature, type SignedParams } from '../shared/core/verify/signature';
import { TWILIO_VERIFY_CREDENTIAL } from '../shared/n8n/transport';

/**
 * The URL Twilio called: the URL registered for the endpoint being served (the test URL while the editor listens for a
 * test event; older n8n versions only know the production one), with the request's own query string (bodySHA256, …).
 */
function calledUrl(context: IWebhookFunctions, originalUrl: string): string {
	const served = typeof context.getWebhookResourceUrl === 'function' ? context.getWebhookResourceUrl('default') : undefined;
	const registered = served ?? context.getNodeWebhookUrl('default') ?? '';
	const queryStart = originalUrl.indexOf('?');
	return queryStart === -1 ? registered : registered + originalUrl.slice(queryStart);
}

function refuse(context: IWebhookFunctions, message: string): IWebhookResponseData {
	context.getResponseObject().status(403).json({ error: message });
	return { noWebhookResponse: true };
}

export async function receiveEvents(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const credentials = await this.getCredentials(TWILIO_VERIFY_CREDENTIAL);
	// With an API key there is no Auth Token to check against: nothing is accepted.
	const authToken = credentials.authType === 'apiKey' ? '' : String(credentials.authToken ?? '');
	const request = this.getRequestObject();
	const body = this.getBodyData();
	const signature = this.getHeaderData()['x-twilio-signature'];
	const valid = isValidTwilioSignature(authToken, {
		url: calledUrl(this, request.originalUrl ?? request.url ?? ''),
		signature: typeof signature === 'string' ? signature : undefined,
		params: body as SignedParams,
		rawBody: request.rawBody,
	});
	if (!valid) return refuse(this, 'The request does not carry a valid Twilio signature.');

	const eventTypes = (this.getNodeParameter('events', []) as string[]).map(String);
	const chosenService = String(this.getNodeParameter('serviceSid', '', { extractValue: true }) ?? '').trim();
	const serviceSid = chosenService || String(credentials.defaultServiceSid ?? '').trim();
	const events = readVerifyEvents(body).filter((event) =>
		isWantedEvent(event, eventTypes.length ? eventTypes : ['*'], serviceSid),
	);
	if (events.length === 0) return { webhookResponse: '' };
	return { workflowData: [this.helpers.returnJsonArray(events as IDataObject[])] };
}
