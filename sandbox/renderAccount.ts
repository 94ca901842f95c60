/** Safe List entries, templates, attempts, webhooks and messaging configurations as Twilio renders them. */
import type { AttemptsSummary, AttemptView, TemplateView } from './accountState';
import type { MessagingConfigurationRecord, SafeListRecord, WebhookRecord } from './records';
import { formatTwilioDate } from './values';

export function renderSafeListEntry(entry: SafeListRecord, baseUrl: string) {
	return {
		sid: entry.sid,
		phone_number: entry.phoneNumber,
		url: `${baseUrl}/v2/SafeList/Numbers/${entry.phoneNumber}`,
	};
}

/** The sandbox sends nothing and charges nothing: no carrier, price zero, delivered. */
export function renderAttempt(attempt: AttemptView, baseUrl: string) {
	return {
		sid: attempt.sid,
		account_sid: attempt.accountSid,
		service_sid: attempt.serviceSid,
		verification_sid: attempt.verificationSid,
		date_created: formatTwilioDate(attempt.createdAt),
		date_updated: formatTwilioDate(attempt.updatedAt),
		conversion_status: attempt.converted ? 'converted' : 'unconverted',
		channel: attempt.channel,
		price: { value: '0.00', currency: 'usd' },
		channel_data: {
			verification_sid: attempt.verificationSid,
			to: attempt.to,
			status: attempt.converted ? 'confirmed' : 'unconfirmed',
			message_status: 'delivered',
			error_code: null,
			country: attempt.country,
			code_length: attempt.codeLength,
			locale: attempt.locale,
			mcc: null,
			mnc: null,
			carrier: null,
		},
		url: `${baseUrl}/v2/Attempts/${attempt.sid}`,
	};
}

export function renderAttemptsSummary(summary: AttemptsSummary, baseUrl: string) {
	return {
		total_attempts: summary.totalAttempts,
		total_converted: summary.totalConverted,
		total_unconverted: summary.totalUnconverted,
		conversion_rate_percentage: summary.conversionRatePercentage,
		url: `${baseUrl}/v2/Attempts/Summary`,
	};
}

export function renderTemplate(template: TemplateView) {
	return {
		sid: template.sid,
		account_sid: template.accountSid,
		friendly_name: template.friendlyName,
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
		sid: webhook.sid,
		service_sid: webhook.serviceSid,
		account_sid: webhook.accountSid,
		friendly_name: webhook.friendlyName,
		event_types: [...webhook.eventTypes],
		status: webhook.status,
		version: webhook.version,
		webhook_url: webhook.webhookUrl,
		webhook_method: 'POST',
		date_created: formatTwilioDate(webhook.createdAt),
		date_updated: formatTwilioDate(webhook.updatedAt),
		url: `${baseUrl}/v2/Services/${webhook.serviceSid}/Webhooks/${webhook.sid}`,
	};
}

export function renderMessagingConfiguration(configuration: MessagingConfigurationRecord, baseUrl: string) {
	return {
		account_sid: configuration.accountSid,
		service_sid: configuration.serviceSid,
		country: configuration.country,
		messaging_service_sid: configuration.messagingServiceSid,
		date_created: formatTwilioDate(configuration.createdAt),
		date_updated: formatTwilioDate(configuration.updatedAt),
		url: `${baseUrl}/v2/Services/${configuration.serviceSid}/MessagingConfigurations/${configuration.country}`,
	};
}
