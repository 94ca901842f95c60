/** The member lifecycle samples: account changes for members, an admin API behind Header Auth, an approval alert. */
const { CREDENTIALS, LAYOUT, stableId, sticky, ourNode, endpoint, assemble, service, ifAboveZero } = require('./parts');
const { NOT_SAVED, OUTAGES, SAVE_SETTINGS } = require('./definitions');

const accountCredentials = ['memberStoreApi', 'twilioVerifyApi'];

function account(operation, name) {
	return { name, type: 'memberAccount', credentials: accountCredentials, parameters: { operation, serviceSid: service } };
}

function accountWorkflow() {
	const name = 'Members: password reset, account changes, log out everywhere, delete';
	const rows = [
		['POST', 'password/reset/send-code', account('sendResetCode', 'Send Password Reset Code'), '{ resetId: $json.resetId }'],
		['POST', 'password/reset', account('resetPassword', 'Reset Password'), '{ ok: true }'],
		['POST', 'password/change', account('changePassword', 'Change Password'), '{ ok: true }'],
		['POST', 'phone/change/send-code', account('sendPhoneCode', 'Send Phone Change Code'), '{ changeId: $json.changeId, to: $json.to, channel: $json.channel }'],
		['POST', 'phone/change', account('changePhone', 'Change Phone'), '{ member: $json.member }'],
		['POST', 'logout/all', account('logoutAll', 'Log Out Everywhere'), '{ ok: true, ended: $json.ended }'],
		['POST', 'account/delete', account('deleteAccount', 'Delete Account'), '{ ok: true }'],
	];
	return assemble(
		name,
		[
			sticky(
				name,
				'About',
				'## Account lifecycle\n* **POST /webhook/password/reset/send-code** `{email}` → `{resetId}`: the same answer for unknown emails\n* **POST /webhook/password/reset** `{resetId, code, newPassword}` → `{ok}`: ends every session, no automatic login\n* **POST /webhook/password/change** `{currentPassword, newPassword}` → `{ok}`\n* **POST /webhook/phone/change/send-code** `{password, phone, country?}` → `{changeId, to}`: the code goes to the new phone\n* **POST /webhook/phone/change** `{changeId, code}` → `{member}`\n* **POST /webhook/logout/all** → `{ok, ended}`\n* **POST /webhook/account/delete** `{password}` (phone-only members: `{code}` after otp/send) → `{ok}`\n\nAll but the reset read the `Authorization: Bearer <token>` header. Changes end the member\'s other sessions.\n\n' +
					`${OUTAGES}\n\n${NOT_SAVED}`,
				[-40, 0],
				{ width: 860, height: 420 },
			),
		],
		rows.map(([method, path, node, success], row) => endpoint(name, { method, path, row, node, success })),
	);
}

function factorsWorkflow() {
	const name = 'Members: authenticator apps and recovery codes';
	const rows = [
		['GET', 'factors', account('listFactors', 'List Second Factors'), '{ factors: $json.factors, recoveryCodesLeft: $json.recoveryCodesLeft }'],
		['POST', 'factors/totp', account('enrollTotp', 'Set Up Authenticator App'), '{ factorId: $json.factorId, uri: $json.uri, qrSvg: $json.qrSvg }'],
		['POST', 'factors/totp/confirm', account('confirmTotp', 'Confirm Authenticator App'), '{ factor: $json.factor, recoveryCodes: $json.recoveryCodes }'],
		['POST', 'factors/remove', account('removeFactor', 'Remove Authenticator App'), '{ ok: true }'],
		['POST', 'factors/recovery-codes', account('newRecoveryCodes', 'New Recovery Codes'), '{ recoveryCodes: $json.recoveryCodes }'],
	];
	return assemble(
		name,
		[
			sticky(
				name,
				'About',
				'## Authenticator apps (TOTP through Twilio Verify) and recovery codes\n* **GET /webhook/factors** → `{factors, recoveryCodesLeft}`\n* **POST /webhook/factors/totp** → 201 `{factorId, uri, qrSvg}`: show the QR code (or the otpauth:// link) once\n* **POST /webhook/factors/totp/confirm** `{factorId, code}` → `{factor, recoveryCodes}`: ten codes, shown once\n* **POST /webhook/factors/remove** `{factorId, password}` → `{ok}`: trusted devices end too\n* **POST /webhook/factors/recovery-codes** `{password}` → `{recoveryCodes}`: replaces them all\n\nAll read the `Authorization: Bearer <token>` header. The app\'s secret stays with Twilio; the member store keeps only the factor\'s id. Log in with the app at **POST /webhook/login** (see the login sample).\n\n' +
					`${OUTAGES}\n\n${NOT_SAVED}`,
				[-40, 0],
				{ width: 860, height: 400 },
			),
		],
		rows.map(([method, path, node, success], row) => endpoint(name, { method, path, row, node, success })),
	);
}

/** Every webhook of the admin API answers only requests carrying the Header Auth credential's header and value. */
function withHeaderAuth(part) {
	return {
		...part,
		nodes: part.nodes.map((node) =>
			node.type === 'n8n-nodes-base.webhook'
				? {
						...node,
						parameters: { ...node.parameters, authentication: 'headerAuth' },
						credentials: { httpHeaderAuth: CREDENTIALS.httpHeaderAuth },
					}
				: node,
		),
	};
}

function adminWorkflow() {
	const name = 'Admin: list, approve and block members (Header Auth)';
	const admin = (type, operation, nodeName, parameters = {}) => ({
		name: nodeName,
		type,
		credentials: ['memberStoreApi'],
		parameters: { operation, ...parameters },
	});
	const byIdOrEmail = {
		findBy: '={{ $json.body.memberId ? "memberId" : "email" }}',
		memberId: '={{ $json.body.memberId ?? "" }}',
		email: '={{ $json.body.email ?? "" }}',
	};
	return assemble(
		name,
		[
			sticky(
				name,
				'About',
				'## Admin API\n* **GET /webhook/admin/members?status=&q=&limit=&cursor=** → `{members, nextCursor}`\n* **POST /webhook/admin/members/approve** `{memberId}` or `{email}` → `{member}`\n* **POST /webhook/admin/members/block** `{memberId}` or `{email}` → `{member}`: their sessions end at once\n\nEvery Webhook here uses n8n\'s **Header Auth**: create an *Admin API key* credential (header name, e.g. `X-Admin-Key`, and a long random value) and call with that header. Without it n8n answers 401/403 before the workflow runs. Never publish these webhooks without authentication.\n\n' +
					`${OUTAGES}\n\n${NOT_SAVED}`,
				[-40, 0],
				{ width: 860, height: 360 },
			),
		],
		[
			endpoint(name, {
				method: 'GET',
				path: 'admin/members',
				row: 0,
				node: admin('memberAccount', 'listMembers', 'List Members'),
				success: '{ members: $json.members, nextCursor: $json.nextCursor }',
			}),
			endpoint(name, {
				method: 'POST',
				path: 'admin/members/approve',
				row: 1,
				node: admin('memberRegister', 'approve', 'Approve Member', byIdOrEmail),
				success: '{ member: $json.member }',
			}),
			endpoint(name, {
				method: 'POST',
				path: 'admin/members/block',
				row: 2,
				node: admin('memberRegister', 'block', 'Block Member', byIdOrEmail),
				success: '{ member: $json.member }',
			}),
		].map(withHeaderAuth),
	);
}

/** A Schedule Trigger lists members waiting for approval and mails an administrator: the pattern, credentials left open. */
function approvalAlertWorkflow() {
	const name = 'Admin: email when registrations wait for approval';
	const at = (step) => [LAYOUT.webhookX + step * 300, LAYOUT.top];
	const trigger = {
		id: stableId(name, 'trigger'),
		name: 'Every Hour',
		type: 'n8n-nodes-base.scheduleTrigger',
		typeVersion: 1.2,
		position: at(0),
		parameters: { rule: { interval: [{ field: 'hours' }] } },
	};
	const list = ourNode(
		name,
		'List Pending Members',
		'memberAccount',
		{ operation: 'listMembers', status: 'pending_approval', q: '', limit: 100, cursor: '' },
		['memberStoreApi'],
		at(1),
	);
	const anyWaiting = ifAboveZero(name, 'Anyone Waiting?', '={{ $json.members.length }}', at(2));
	const email = {
		id: stableId(name, 'email'),
		name: 'Email the Administrator',
		type: 'n8n-nodes-base.emailSend',
		typeVersion: 2.1,
		position: at(3),
		parameters: {
			fromEmail: 'members@example.com',
			toEmail: 'admin@example.com',
			subject: '={{ $json.members.length }} registration(s) waiting for approval',
			emailFormat: 'text',
			text: '=Waiting for approval:\n{{ $json.members.map(member => member.email + " (since " + member.createdAt + ")").join("\\n") }}\n\nApprove with POST /webhook/admin/members/approve.',
			options: {},
		},
	};
	const note = sticky(
		name,
		'About',
		'## Approval alert\nEvery hour, lists the members waiting for approval and, if there are any, emails an administrator. Set up the **Send Email** node with your SMTP credential and addresses (or swap it for Slack, Teams…), pick your *Member Store* credential in *List Pending Members*, then publish.\n\n' +
			`**Executions are not saved** ${SAVE_SETTINGS}, like every sample.`,
		[-40, 0],
		{ width: 760, height: 300 },
	);
	const chain = [trigger, list, anyWaiting, email];
	const connections = {
		[trigger.name]: { main: [[{ node: list.name, type: 'main', index: 0 }]] },
		[list.name]: { main: [[{ node: anyWaiting.name, type: 'main', index: 0 }]] },
		[anyWaiting.name]: { main: [[{ node: email.name, type: 'main', index: 0 }], []] },
	};
	return { ...assemble(name, [note], []), nodes: [note, ...chain], connections };
}

module.exports = { accountWorkflow, factorsWorkflow, adminWorkflow, approvalAlertWorkflow };
