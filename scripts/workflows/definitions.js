/** The sample workflows, one function each: what endpoints they serve (their About notes: notes.js) and the other notes. */
const fs = require('node:fs');
const path = require('node:path');

const { ABOUT, NOT_SAVED, SAVE_SETTINGS } = require('./notes');
const {
	LAYOUT,
	stableId,
	baseNode,
	connectInOrder,
	sticky,
	webhook,
	ourNode,
	assemble,
	service,
	verifyCredential,
	sessionBody,
	outputFields,
	memberNode,
	endpointRows,
	webhookSample,
} = require('./parts');

const workflowsFolder = path.join(__dirname, '..', '..', 'workflows');

function verifyApiWorkflow() {
	const sendCode = {
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
	};
	const checkCode = {
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
	};
	return webhookSample('Twilio Verify API (send and check a code)', ABOUT.verifyApi, [
		// Send Verification has one output: outcomes carry ok: false and their own status (see endpoint()).
		['POST', 'verify/send', sendCode, '{ status: $json.status, to: $json.toMasked, channel: $json.channel }', '200'],
		['POST', 'verify/check', checkCode, '{ status: "approved" }', '200'],
	]);
}

const register = (operation, nodeName, parameters) => memberNode('memberRegister', operation, nodeName, parameters);
const login = (operation, nodeName, parameters) => memberNode('memberLogin', operation, nodeName, parameters);

/** What completing a registration answers: the member alone while it waits for approval, else a session too. */
const registeredBody = `$json.pendingApproval ? ${outputFields('member')} : ${sessionBody}`;

function registerWorkflow() {
	return webhookSample('Members: register with email, password and phone (2FA, Wix style)', ABOUT.register, [
		['GET', 'countries', register('listCountries', 'List Countries'), '$json.countries'],
		['POST', 'register/send-code', register('sendCode', 'Send Registration Code'), outputFields('registrationId', 'to', 'channel')],
		['POST', 'register/resend', register('resendCode', 'Resend Code'), outputFields('to', 'channel')],
		['POST', 'register', register('complete', 'Complete Registration', { approval: 'auto' }), registeredBody],
	]);
}

function loginWorkflow() {
	return webhookSample('Members: log in with password then a code, sessions', ABOUT.login, [
		[
			'POST',
			'login/send-code',
			login('sendCode', 'Send Login Code'),
			`$json.trustedDevice ? ${sessionBody} : { loginId: $json.loginId, factors: $json.factors, to: $json.to, channel: $json.channel }`,
		],
		['POST', 'login', login('complete', 'Complete Login'), outputFields('member', 'sessionToken', 'expiresAt', 'deviceToken', 'deviceExpiresAt')],
		['GET', 'me', login('verifySession', 'Verify Session'), outputFields('member')],
		['POST', 'logout', login('logout', 'Log Out'), '{ ok: true }'],
	]);
}

function otpWorkflow() {
	return webhookSample('Members: passwordless login with a phone code (OTP)', ABOUT.otp, [
		['POST', 'otp/send', login('sendOtp', 'Send OTP'), outputFields('to', 'channel')],
		[
			'POST',
			'otp/login',
			login('completeOtp', 'Complete OTP Login', { mailDomain: 'members.example.com', approval: 'auto' }),
			`$json.pendingApproval ? { member: $json.member, created: $json.created } : { member: $json.member, sessionToken: $json.sessionToken, expiresAt: $json.expiresAt, created: $json.created }`,
		],
	]);
}

/**
 * The demo page as one HTML text, the way n8n must serve it: `workflows/demo-page/index.html` with its
 * `<link rel="stylesheet" href>` line replaced by a `<style>` holding that file, and its adjacent `<script src>` lines by
 * one `<script>` running those files in order inside one arrow function: they are parts of one script, sharing its
 * top-level names, and nothing lands on `window`. Throws when a named file is missing or a reference is left over.
 */
function inlineDemoPageFiles() {
	const folder = path.join(workflowsFolder, 'demo-page');
	const read = (file) => {
		if (!fs.existsSync(path.join(folder, file))) throw new Error(`workflows/demo-page/${file}, named by index.html, is missing`);
		return fs.readFileSync(path.join(folder, file), 'utf8');
	};
	const html = read('index.html')
		.replace(/^<link rel="stylesheet" href="([^"]+)">\n/gm, (_, file) => `<style>\n${read(file)}</style>\n`)
		.replace(/^(?:<script src="[^"]+"><\/script>\n)+/gm, (tags) => {
			const scripts = [...tags.matchAll(/src="([^"]+)"/g)].map(([, file]) => read(file));
			return `<script>\n(() => {\n${scripts.join('\n')}})();\n</script>\n`;
		});
	const left = html.match(/<link [^>]*href=|<script [^>]*src=/);
	if (left) throw new Error(`workflows/demo-page/index.html: "${left[0]}" was not inlined (one reference a line, as written there)`);
	return html;
}

function demoPageWorkflow() {
	const name = 'Demo page (register, login, OTP in the browser)';
	const html = inlineDemoPageFiles();
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
		'## Demo page\nOpen **/webhook/demo** in a browser: a small page whose forms call the other sample workflows (register, login, passwordless, who am I, log out). It is served from the same origin as the webhooks, so no CORS set-up is needed.\n\nThe page is `workflows/demo-page/index.html` of the package, its CSS and scripts inlined. It calls only the webhooks of its own origin.\n\n' +
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
	return assemble(
		name,
		[],
		endpointRows(name, [
			['POST', `${prefix}register/send-code`, register('sendCode', 'Send Registration Code'), outputFields('registrationId', 'to', 'channel')],
			['POST', `${prefix}register`, register('complete', 'Complete Registration', { approval: 'manual' }), registeredBody],
			['POST', `${prefix}admin/approve`, register('approve', 'Approve Member', { findBy: 'email', email: '={{ $json.body.email }}' }), outputFields('member')],
		]),
	);
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
	const trigger = baseNode(name, 'trigger', {
		name: 'Run Once',
		type: 'manualTrigger',
		typeVersion: 1,
		position: [LAYOUT.webhookX, LAYOUT.top],
		parameters: {},
	});
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
	return assemble(name, [note], [{ nodes: chain, connections: connectInOrder(...chain) }]);
}

module.exports = { SERVICE_RATE_LIMITS, verifyApiWorkflow, registerWorkflow, loginWorkflow, otpWorkflow, demoPageWorkflow, manualApprovalWorkflow, serviceSetupWorkflow };
