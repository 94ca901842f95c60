/** The sample workflows, one function each: what endpoints they serve and the notes a builder reads on the canvas. */
const fs = require('node:fs');
const path = require('node:path');

const { LAYOUT, stableId, sticky, webhook, ourNode, endpoint, assemble, service, verifyCredential, memberCredentials, sessionBody } = require('./parts');

const workflowsFolder = path.join(__dirname, '..', '..', 'workflows');

/** Said on every sample's note: its executions are not saved, why, and that builders' own workflows need the same. */
const SAVE_SETTINGS =
	'(Workflow settings: *Save successful / failed production executions: Do not save*, manual executions and execution progress off)';
const NOT_SAVED = `**Executions are not saved** ${SAVE_SETTINGS}: the requests carry passwords, codes and session tokens that n8n would otherwise keep in its database in clear. Do the same in your own workflows that handle them.`;
/** Said on the notes of the webhook samples: what an outage answers. */
const OUTAGES =
	'If Twilio or the member store still fails after the retries, the node\'s error output (*On Error: Continue (using error output)*) answers **503** `SERVICE_UNAVAILABLE` with `Retry-After: 30`, never n8n\'s own error text.';

function verifyApiWorkflow() {
	const name = 'Twilio Verify API (send and check a code)';
	return assemble(
		name,
		[
			sticky(
				name,
				'About',
				'## Verify API, Xano style\nTwo endpoints a frontend calls to confirm a phone number, nothing stored:\n\n* **POST /webhook/verify/send** `{phone, country?, channel?}` → `{status, to, channel}`\n* **POST /webhook/verify/check** `{phone, country?, code}` → `{status: "approved"}`\n\nErrors answer `{error: {code, message}}` with the status in the node\'s output (400 INVALID_PHONE, 401 INVALID_CODE, 410 EXPIRED, 429 RATE_LIMITED / TOO_MANY_ATTEMPTS).\n\nThe Verify Service is the credential\'s default one: set its SID in the **Twilio Verify account** credential.\n\n' +
					`${OUTAGES}\n\n${NOT_SAVED}`,
				[-40, 0],
				{ width: 860, height: 330 },
			),
		],
		[
			endpoint(name, {
				method: 'POST',
				path: 'verify/send',
				row: 0,
				node: {
					name: 'Send Code',
					type: 'sendVerification',
					credentials: verifyCredential,
					singleOutput: true,
					parameters: {
						operation: 'send',
						serviceSid: service,
						recipientType: 'phone',
						phone: '={{ $json.body.phone }}',
						country: '={{ $json.body.country ?? "" }}',
						channel: '={{ $json.body.channel ?? "sms" }}',
						// The Verify Service's own rate limits (the Setup workflow creates them): per phone and per caller.
						sendOptions: {
							phoneRateLimit: 'end_user_phone_number',
							callerAddressRateLimit: 'end_user_ip_address',
							forwardedFor: '={{ $json.headers["x-forwarded-for"] ?? "" }}',
							trustedProxyHops: 1,
						},
					},
				},
				// Send Verification has one output: outcomes carry ok: false and their own status (see endpoint()).
				successCode: '200',
				success: '{ status: $json.status, to: $json.toMasked, channel: $json.channel }',
			}),
			endpoint(name, {
				method: 'POST',
				path: 'verify/check',
				row: 1,
				node: {
					name: 'Check Code',
					type: 'checkVerification',
					credentials: verifyCredential,
					parameters: {
						serviceSid: service,
						checkBy: 'recipient',
						recipientType: 'phone',
						phone: '={{ $json.body.phone }}',
						country: '={{ $json.body.country ?? "" }}',
						code: '={{ $json.body.code }}',
					},
				},
				successCode: '200',
				success: '{ status: "approved" }',
			}),
		],
	);
}

function registerWorkflow() {
	const name = 'Members: register with email, password and phone (2FA, Wix style)';
	const register = (operation, parameters = {}) => ({
		name: { listCountries: 'List Countries', sendCode: 'Send Registration Code', resendCode: 'Resend Code', complete: 'Complete Registration' }[operation],
		type: 'memberRegister',
		credentials: memberCredentials,
		parameters: { operation, serviceSid: service, ...parameters },
	});
	return assemble(
		name,
		[
			sticky(
				name,
				'About',
				'## Register\nSign-up in two steps, the phone confirmed by a Twilio Verify code:\n\n1. **POST /webhook/register/send-code** `{email, password, phone, country?, channel?}` → `{registrationId, to, channel}`\n2. **POST /webhook/register** `{registrationId, code}` → 201 `{member, sessionToken, expiresAt}`\n\n**POST /webhook/register/resend** `{registrationId, channel?}` sends the code again (e.g. `"channel": "call"`).\n**GET /webhook/countries** feeds the phone-country dropdown.\n\nSet **New Members** on *Complete Registration* to *Wait for Approval* to answer 202 `{member}` and approve members with the *Approve Member* operation.\n\nThe password is hashed (Argon2id) before it is stored; nothing secret is ever answered.\n\n' +
					`${OUTAGES}\n\n${NOT_SAVED}`,
				[-40, 0],
				{ width: 860, height: 400 },
			),
		],
		[
			endpoint(name, { method: 'GET', path: 'countries', row: 0, node: register('listCountries'), success: '$json.countries' }),
			endpoint(name, {
				method: 'POST',
				path: 'register/send-code',
				row: 1,
				node: register('sendCode'),
				success: '{ registrationId: $json.registrationId, to: $json.to, channel: $json.channel }',
			}),
			endpoint(name, { method: 'POST', path: 'register/resend', row: 2, node: register('resendCode'), success: '{ to: $json.to, channel: $json.channel }' }),
			endpoint(name, {
				method: 'POST',
				path: 'register',
				row: 3,
				node: register('complete', { approval: 'auto' }),
				success: `$json.pendingApproval ? { member: $json.member } : ${sessionBody}`,
			}),
		],
	);
}

function loginWorkflow() {
	const name = 'Members: log in with password then a code, sessions';
	const login = (operation, nodeName) => ({
		name: nodeName,
		type: 'memberLogin',
		credentials: memberCredentials,
		parameters: { operation, serviceSid: service },
	});
	return assemble(
		name,
		[
			sticky(
				name,
				'About',
				'## Log in (two factors) and sessions\n1. **POST /webhook/login/send-code** `{email, password, channel?, deviceToken?}` → `{loginId, factors, to?, channel?}`: no SMS for a member with an authenticator app unless `channel` asks; a trusted device gets `{member, sessionToken, expiresAt}` at once\n2. **POST /webhook/login** `{loginId, code, factor?}` or `{loginId, recoveryCode}`, plus `rememberDevice?` → `{member, sessionToken, expiresAt, deviceToken?}`\n\n**GET /webhook/me** and **POST /webhook/logout** read the `Authorization: Bearer <token>` header.\n\nAn unknown email and a wrong password give the same 401 INVALID_CREDENTIALS. Five wrong passwords lock the account for 15 minutes (423 LOCKED); change the limits under **Security** on the nodes.\n\n' +
					`${OUTAGES}\n\n${NOT_SAVED}`,
				[-40, 0],
				{ width: 860, height: 340 },
			),
		],
		[
			endpoint(name, {
				method: 'POST',
				path: 'login/send-code',
				row: 0,
				node: login('sendCode', 'Send Login Code'),
				success: `$json.trustedDevice ? ${sessionBody} : { loginId: $json.loginId, factors: $json.factors, to: $json.to, channel: $json.channel }`,
			}),
			endpoint(name, {
				method: 'POST',
				path: 'login',
				row: 1,
				node: login('complete', 'Complete Login'),
				success: '{ member: $json.member, sessionToken: $json.sessionToken, expiresAt: $json.expiresAt, deviceToken: $json.deviceToken, deviceExpiresAt: $json.deviceExpiresAt }',
			}),
			endpoint(name, { method: 'GET', path: 'me', row: 2, node: login('verifySession', 'Verify Session'), success: '{ member: $json.member }' }),
			endpoint(name, { method: 'POST', path: 'logout', row: 3, node: login('logout', 'Log Out'), success: '{ ok: true }' }),
		],
	);
}

function otpWorkflow() {
	const name = 'Members: passwordless login with a phone code (OTP)';
	const otp = (operation, nodeName, extra = {}) => ({
		name: nodeName,
		type: 'memberLogin',
		credentials: memberCredentials,
		parameters: { operation, serviceSid: service, ...extra },
	});
	return assemble(
		name,
		[
			sticky(
				name,
				'About',
				'## Passwordless (OTP)\n1. **POST /webhook/otp/send** `{phone, country?, channel?}` → `{to, channel}`\n2. **POST /webhook/otp/login** `{phone, country?, code}` → `{member, sessionToken, expiresAt, created}`\n\nThe first login creates the member with the address `<phone digits>@<Mail Domain>`: set **Mail Domain** on *Complete OTP Login* to your own domain.\n\n' +
					`${OUTAGES}\n\n${NOT_SAVED}`,
				[-40, 0],
				{ width: 860, height: 300 },
			),
		],
		[
			endpoint(name, { method: 'POST', path: 'otp/send', row: 0, node: otp('sendOtp', 'Send OTP'), success: '{ to: $json.to, channel: $json.channel }' }),
			endpoint(name, {
				method: 'POST',
				path: 'otp/login',
				row: 1,
				node: otp('completeOtp', 'Complete OTP Login', { mailDomain: 'members.example.com', approval: 'auto' }),
				success: `$json.pendingApproval ? { member: $json.member, created: $json.created } : { member: $json.member, sessionToken: $json.sessionToken, expiresAt: $json.expiresAt, created: $json.created }`,
			}),
		],
	);
}

function demoPageWorkflow() {
	const name = 'Demo page (register, login, OTP in the browser)';
	const html = fs.readFileSync(path.join(workflowsFolder, 'demo-page', 'index.html'), 'utf8');
	const hook = webhook(name, 'GET', 'demo', [LAYOUT.webhookX, LAYOUT.top]);
	const page = {
		id: stableId(name, 'page'),
		name: 'Send the Page',
		type: 'n8n-nodes-base.respondToWebhook',
		typeVersion: 1.5,
		position: [LAYOUT.nodeX, LAYOUT.top],
		parameters: {
			respondWith: 'text',
			responseBody: html,
			options: { responseHeaders: { entries: [{ name: 'Content-Type', value: 'text/html; charset=utf-8' }] } },
		},
	};
	const note = sticky(
		name,
		'About',
		'## Demo page\nOpen **/webhook/demo** in a browser: a small page whose forms call the other sample workflows (register, login, passwordless, who am I, log out). It is served from the same origin as the webhooks, so no CORS set-up is needed.\n\nThe page is the file `workflows/demo-page/index.html` of the package. It calls only the webhooks of its own origin.\n\n' +
			NOT_SAVED,
		[-40, 0],
		{ width: 560, height: 300 },
	);
	return {
		...assemble(name, [note], []),
		nodes: [note, hook, page],
		connections: { [hook.name]: { main: [[{ node: page.name, type: 'main', index: 0 }]] } },
	};
}

/**
 * The register endpoints with **New Members: Wait for Approval**, under `<prefix>`, plus an admin endpoint that approves
 * a member by email. Not a sample of its own (an admin endpoint needs authentication in real use): the end-to-end
 * tests import it next to the samples to drive the 202 / NOT_APPROVED / approve path over HTTP.
 */
function manualApprovalWorkflow(prefix) {
	const name = `Members: register with manual approval (${prefix})`;
	const register = (operation, nodeName, parameters = {}) => ({
		name: nodeName,
		type: 'memberRegister',
		credentials: memberCredentials,
		parameters: { operation, serviceSid: service, ...parameters },
	});
	return assemble(name, [], [
		endpoint(name, {
			method: 'POST',
			path: `${prefix}register/send-code`,
			row: 0,
			node: register('sendCode', 'Send Registration Code'),
			success: '{ registrationId: $json.registrationId, to: $json.to, channel: $json.channel }',
		}),
		endpoint(name, {
			method: 'POST',
			path: `${prefix}register`,
			row: 1,
			node: register('complete', 'Complete Registration', { approval: 'manual' }),
			success: `$json.pendingApproval ? { member: $json.member } : ${sessionBody}`,
		}),
		endpoint(name, {
			method: 'POST',
			path: `${prefix}admin/approve`,
			row: 2,
			node: register('approve', 'Approve Member', { findBy: 'email', email: '={{ $json.body.email }}' }),
			success: '{ member: $json.member }',
		}),
	]);
}

/**
 * The Verify Service's own rate limits: the second layer behind the package's limits. The Setup workflow and the
 * demo create them; the sample verify/send passes a value for each.
 */
const SERVICE_RATE_LIMITS = [
	{ uniqueName: 'end_user_phone_number', description: 'Codes per phone', max: 10, interval: 600 },
	{ uniqueName: 'end_user_ip_address', description: "Codes per caller's IP address", max: 20, interval: 600 },
];

function serviceSetupWorkflow() {
	const name = 'Setup: create a Twilio Verify Service';
	const trigger = {
		id: stableId(name, 'trigger'),
		name: 'Run Once',
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [LAYOUT.webhookX, LAYOUT.top],
		parameters: {},
	};
	const create = ourNode(
		name,
		'Create Verify Service',
		'twilioVerifyService',
		{
			resource: 'service',
			operation: 'create',
			friendlyName: 'My App',
			additionalFields: { codeLength: 6, doNotShareWarningEnabled: true, skipSmsToLandlines: true },
		},
		verifyCredential,
		[LAYOUT.nodeX, LAYOUT.top],
	);
	// The new service, whatever node runs after it.
	const newService = { __rl: true, mode: 'id', value: "={{ $('Create Verify Service').item.json.sid }}" };
	const chain = [trigger, create];
	SERVICE_RATE_LIMITS.forEach(({ uniqueName, description, max, interval }, index) => {
		const x = LAYOUT.nodeX + 300 * (1 + 2 * index);
		const rateLimit = ourNode(
			name,
			`Rate Limit: ${uniqueName}`,
			'twilioVerifyService',
			{ resource: 'rateLimit', operation: 'create', serviceSid: newService, uniqueName, rateLimitDescription: description },
			verifyCredential,
			[x, LAYOUT.top],
		);
		const bucket = ourNode(
			name,
			`Bucket: ${max} per ${interval / 60} min`,
			'twilioVerifyService',
			{ resource: 'bucket', operation: 'create', serviceSid: newService, rateLimitSid: '={{ $json.sid }}', max, interval },
			verifyCredential,
			[x + 300, LAYOUT.top],
		);
		chain.push(rateLimit, bucket);
	});
	const note = sticky(
		name,
		'About',
		'## One-time set-up\nCreates the Verify Service that sends your codes, with two of Twilio\'s **Programmable Rate Limits** on it: at most 10 codes per phone and 20 per caller IP address in 10 minutes, enforced by Twilio behind the package\'s own limits (the sample *verify/send* passes a value for each). Run it once with **Execute workflow**, then copy the `sid` (VA…) of *Create Verify Service* into the **Default Verify Service SID** of your *Twilio Verify account* credential.\n\nThe friendly name appears in the messages ("Your My App verification code is…"). In the Twilio Console, also restrict **Geo Permissions** to the countries you serve and turn on **Fraud Guard**.\n\n' +
			`**Executions are not saved** ${SAVE_SETTINGS}, like every sample: the result shows in the editor while you run it, so copy the SID from there.`,
		[-40, 0],
		{ width: 760, height: 320 },
	);
	const connections = Object.fromEntries(
		chain.slice(0, -1).map((node, index) => [node.name, { main: [[{ node: chain[index + 1].name, type: 'main', index: 0 }]] }]),
	);
	return { ...assemble(name, [note], []), nodes: [note, ...chain], connections };
}

module.exports = { NOT_SAVED, OUTAGES, SAVE_SETTINGS, SERVICE_RATE_LIMITS, verifyApiWorkflow, registerWorkflow, loginWorkflow, otpWorkflow, demoPageWorkflow, manualApprovalWorkflow, serviceSetupWorkflow };
