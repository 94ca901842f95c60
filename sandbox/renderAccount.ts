/** Safe List entries, templates, attempts, webhooks and messaging configurations as Twilio renders them. */
import type { AttemptsSummary, AttemptView, TemplateView } from './accountState';
import type { MessagingConfigurationRecord, SafeListRecord, WebhookRecord } from './records';
import { twilioDates, twilioFields } from './renderFields';

export function renderSafeListEntry(entry: SafeListRecord, baseUrl: string) {
	return {
		...twilioFields(entry, ['sid', 'phoneNumber']),
		url: `${baseUrl}/v2/SafeList/Numbers/${entry.phoneNumber}`,
	};
}

/** The sandbox sends nothing and charges nothing: no carrier, price zero, delivered. */
export function renderAttempt(attempt: AttemptView, baseUrl: string) {
	return {
		...twilioFields(attempt, ['sid', 'accountSid', 'serviceSid', 'verificationSid']),
		...twilioDates(attempt),
		conversion_status: attempt.converted ? 'converted' : 'unconverted',
		channel: attempt.channel,
		price: { value: '0.00', currency: 'usd' },
		channel_data: {
			...twilioFields(attempt, ['verificationSid', 'to']),
			status: attempt.converted ? 'confirmed' : 'unconfirmed',
			message_status: 'delivered',
			error_code: null,
			...twilioFields(attempt, ['country', 'codeLength', 'locale']),
			mcc: null,
			mnc: null,
			carrier: null,
		},
		url: `${baseUrl}/v2/Attempts/${attempt.sid}`,
	};
}

export function renderAttemptsSummary(summary: AttemptsSummary, baseUrl: string) {
	return {
		...twilioFields(summary, ['totalAttempts', 'totalConverted', 'totalUnconverted', 'conversionRatePercentage']),
		url: `${baseUrl}/v2/Attempts/Summary`,
	};
}

export function renderTemplate(template: TemplateView) {
	return {
		...twilioFields(template, ['sid', 'accountSid', 'friendlyName']),
		channels: [...template.channels],
		translations: {
			en: {
				is_default_translation: true,
				status: 'approved',
				locale: 'en',
				text: template.text,
				date_updated: '2021-07-29T20:38:28Z',
				date_created: '2021-07-29T20:38:28Z',
			},
		},
	};
}

export function renderWebhook(webhook: WebhookRecord, baseUrl: string) {
	return {
		...twilioFields(webhook, ['sid', 'serviceSid', 'accountSid', 'friendlyName']),
		event_types: [...webhook.eventTypes],
		...twilioFields(webhook, ['status', 'version', 'webhookUrl']),
		webhook_method: 'POST',
		...twilioDates(webhook),
		url: `${baseUrl}/v2/Services/${webhook.serviceSid}/Webhooks/${webhook.sid}`,
	};
}

export function renderMessagingConfiguration(configuration: MessagingConfigurationRecord, baseUrl: string) {
	return {
		...twilioFields(configuration, ['accountSid', 'serviceSid', 'country', 'messagingServiceSid']),
		...twilioDates(configuration),
		url: `${baseUrl}/v2/Services/${configuration.serviceSid}/MessagingConfigurations/${configuration.country}`,
	};
}
