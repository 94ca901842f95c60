/** Service settings: which request parameter lands where in the response, and how it is validated. */
import { DEFAULT_CODE_LENGTH, FRIENDLY_NAME_MAX_LENGTH } from './constants';
import { twilioErrors } from './errors';
import type { RequestParams } from './params';
import type { ServiceSettings } from './records';

/** Service parameters exactly as Twilio's form fields name them. */
export type ServiceParams = {
	FriendlyName?: string;
	CodeLength?: number | string;
	LookupEnabled?: boolean | string;
	SkipSmsToLandlines?: boolean | string;
	DtmfInputRequired?: boolean | string;
	TtsName?: string;
	Psd2Enabled?: boolean | string;
	DoNotShareWarningEnabled?: boolean | string;
	CustomCodeEnabled?: boolean | string;
	'Push.IncludeDate'?: boolean | string;
	'Push.ApnCredentialSid'?: string;
	'Push.FcmCredentialSid'?: string;
	'Totp.Issuer'?: string;
	'Totp.TimeStep'?: number | string;
	'Totp.CodeLength'?: number | string;
	'Totp.Skew'?: number | string;
	DefaultTemplateSid?: string;
	'Whatsapp.MsgServiceSid'?: string;
	'Whatsapp.From'?: string;
	'Passkeys.RelyingParty.Id'?: string;
	'Passkeys.RelyingParty.Name'?: string;
	/** Comma-separated origins. */
	'Passkeys.RelyingParty.Origins'?: string;
	'Passkeys.AuthenticatorAttachment'?: string;
	'Passkeys.DiscoverableCredentials'?: string;
	'Passkeys.UserVerification'?: string;
	VerifyEventSubscriptionEnabled?: boolean | string;
};

type SettingValue = string | number | boolean | string[];
type ReadSetting = (params: RequestParams, name: string) => SettingValue | undefined;

/** One validated change to apply: the path into ServiceSettings and its new value. */
export interface ServiceChange {
	path: readonly string[];
	value: SettingValue;
}

function readFriendlyName(params: RequestParams, name: string): string | undefined {
	const value = params.string(name);
	if (value === undefined) return undefined;
	if (value.trim() === '' || value.length > FRIENDLY_NAME_MAX_LENGTH) throw twilioErrors.invalidParameter(name);
	return value;
}

const asBoolean: ReadSetting = (params, name) => params.boolean(name);
const asText: ReadSetting = (params, name) => params.string(name);
const asIntegerBetween =
	(min: number, max: number): ReadSetting =>
	(params, name) =>
		params.integer(name, { min, max });
const asSid =
	(prefix: string): ReadSetting =>
	(params, name) =>
		params.sid(name, prefix);
const asList: ReadSetting = (params, name) => params.list(name);

/**
 * Every Service parameter in Twilio's OpenAPI, where it lands in the response
 * and how it is validated. Create and update share this table.
 */
const SERVICE_SETTINGS: ReadonlyArray<{ param: keyof ServiceParams; path: readonly string[]; read: ReadSetting }> = [
	{ param: 'FriendlyName', path: ['friendly_name'], read: readFriendlyName },
	{ param: 'CodeLength', path: ['code_length'], read: asIntegerBetween(4, 10) },
	{ param: 'LookupEnabled', path: ['lookup_enabled'], read: asBoolean },
	{ param: 'SkipSmsToLandlines', path: ['skip_sms_to_landlines'], read: asBoolean },
	{ param: 'DtmfInputRequired', path: ['dtmf_input_required'], read: asBoolean },
	{ param: 'TtsName', path: ['tts_name'], read: asText },
	{ param: 'Psd2Enabled', path: ['psd2_enabled'], read: asBoolean },
	{ param: 'DoNotShareWarningEnabled', path: ['do_not_share_warning_enabled'], read: asBoolean },
	{ param: 'CustomCodeEnabled', path: ['custom_code_enabled'], read: asBoolean },
	{ param: 'Push.IncludeDate', path: ['push', 'include_date'], read: asBoolean },
	{ param: 'Push.ApnCredentialSid', path: ['push', 'apn_credential_sid'], read: asSid('CR') },
	{ param: 'Push.FcmCredentialSid', path: ['push', 'fcm_credential_sid'], read: asSid('CR') },
	{ param: 'Totp.Issuer', path: ['totp', 'issuer'], read: asText },
	{ param: 'Totp.TimeStep', path: ['totp', 'time_step'], read: asIntegerBetween(20, 60) },
	{ param: 'Totp.CodeLength', path: ['totp', 'code_length'], read: asIntegerBetween(3, 8) },
	{ param: 'Totp.Skew', path: ['totp', 'skew'], read: asIntegerBetween(0, 2) },
	{ param: 'DefaultTemplateSid', path: ['default_template_sid'], read: asSid('HJ') },
	{ param: 'Whatsapp.MsgServiceSid', path: ['whatsapp', 'msg_service_sid'], read: asSid('MG') },
	{ param: 'Whatsapp.From', path: ['whatsapp', 'from'], read: asText },
	{ param: 'Passkeys.RelyingParty.Id', path: ['passkeys', 'relying_party', 'id'], read: asText },
	{ param: 'Passkeys.RelyingParty.Name', path: ['passkeys', 'relying_party', 'name'], read: asText },
	{ param: 'Passkeys.RelyingParty.Origins', path: ['passkeys', 'relying_party', 'origins'], read: asList },
	{ param: 'Passkeys.AuthenticatorAttachment', path: ['passkeys', 'authenticator_attachment'], read: asText },
	{ param: 'Passkeys.DiscoverableCredentials', path: ['passkeys', 'discoverable_credentials'], read: asText },
	{ param: 'Passkeys.UserVerification', path: ['passkeys', 'user_verification'], read: asText },
	{ param: 'VerifyEventSubscriptionEnabled', path: ['verify_event_subscription_enabled'], read: asBoolean },
];

/** What a freshly created Service reports before any optional parameter is set. */
export function defaultServiceSettings(): ServiceSettings {
	return {
		friendly_name: null,
		code_length: DEFAULT_CODE_LENGTH,
		lookup_enabled: false,
		psd2_enabled: false,
		skip_sms_to_landlines: false,
		dtmf_input_required: false,
		tts_name: null,
		do_not_share_warning_enabled: false,
		custom_code_enabled: false,
		push: { include_date: false, apn_credential_sid: null, fcm_credential_sid: null },
		// Documented TOTP defaults; the issuer falls back to the friendly name when rendered.
		totp: { issuer: null, time_step: 30, code_length: 6, skew: 1 },
		default_template_sid: null,
		whatsapp: { msg_service_sid: null, from: null },
		passkeys: {
			relying_party: { id: null, name: null, origins: null },
			authenticator_attachment: null,
			discoverable_credentials: null,
			user_verification: null,
		},
		verify_event_subscription_enabled: false,
	};
}

/** Reads and validates every Service parameter first, so a bad value changes nothing. */
export function readServiceChanges(params: RequestParams): ServiceChange[] {
	const changes: ServiceChange[] = [];
	for (const setting of SERVICE_SETTINGS) {
		const value = setting.read(params, setting.param);
		if (value !== undefined) changes.push({ path: setting.path, value });
	}
	return changes;
}

/** Writes validated changes into the settings; the paths come from the table above, so every parent object exists. */
export function applyServiceChanges(settings: ServiceSettings, changes: readonly ServiceChange[]): void {
	for (const { path, value } of changes) {
		let node = settings as unknown as Record<string, unknown>;
		for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
		node[path[path.length - 1]] = value;
	}
}
