/** The member lifecycle samples: account changes for members, an admin API behind Header Auth, an approval alert. */
const { ABOUT, SAVE_SETTINGS } = require('./notes');
const {
	CREDENTIALS,
	LAYOUT,
	sticky,
	ourNode,
	assemble,
	ifAboveZero,
	baseNode,
	emailNode,
	connectInOrder,
	memberNode,
	outputFields,
	webhookSample,
} = require('./parts');

const account = (operation, nodeName) => memberNode('memberAccount', operation, nodeName);

function accountWorkflow() {
	return webhookSample('Members: password reset, account changes, log out everywhere, delete', ABOUT.account, [
		['POST', 'password/reset/send-code', account('sendResetCode', 'Send Password Reset Code'), outputFields('resetId')],
		['POST', 'password/reset', account('resetPassword', 'Reset Password'), '{ ok: true }'],
		['POST', 'password/change', account('changePassword', 'Change Password'), '{ ok: true }'],
		['POST', 'phone/change/send-code', account('sendPhoneCode', 'Send Phone Change Code'), outputFields('changeId', 'to', 'channel')],
		['POST', 'phone/change', account('changePhone', 'Change Phone'), outputFields('member')],
		['POST', 'logout/all', account('logoutAll', 'Log Out Everywhere'), '{ ok: true, ended: $json.ended }'],
		['POST', 'account/delete', account('deleteAccount', 'Delete Account'), '{ ok: true }'],
	]);
}

function factorsWorkflow() {
	return webhookSample('Members: authenticator apps and recovery codes', ABOUT.factors, [
		['GET', 'factors', account('listFactors', 'List Second Factors'), outputFields('factors', 'recoveryCodesLeft')],
		['POST', 'factors/totp', account('enrollTotp', 'Set Up Authenticator App'), outputFields('factorId', 'uri', 'qrSvg')],
		['POST', 'factors/totp/confirm', account('confirmTotp', 'Confirm Authenticator App'), outputFields('factor', 'recoveryCodes')],
		['POST', 'factors/remove', account('removeFactor', 'Remove Authenticator App'), '{ ok: true }'],
		['POST', 'factors/recovery-codes', account('newRecoveryCodes', 'New Recovery Codes'), outputFields('recoveryCodes')],
	]);
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
	return webhookSample('Admin: list, approve and block members (Header Auth)', ABOUT.admin, [
		['GET', 'admin/members', admin('memberAccount', 'listMembers', 'List Members'), outputFields('members', 'nextCursor')],
		['POST', 'admin/members/approve', admin('memberRegister', 'approve', 'Approve Member', byIdOrEmail), outputFields('member')],
		['POST', 'admin/members/block', admin('memberRegister', 'block', 'Block Member', byIdOrEmail), outputFields('member')],
	], withHeaderAuth);
}

/** A Schedule Trigger lists members waiting for approval and mails an administrator: the pattern, credentials left open. */
function approvalAlertWorkflow() {
	const name = 'Admin: email when registrations wait for approval';
	const at = (step) => [LAYOUT.webhookX + step * 300, LAYOUT.top];
	const trigger = baseNode(name, 'trigger', {
		name: 'Every Hour',
		type: 'scheduleTrigger',
		typeVersion: 1.2,
		position: at(0),
		parameters: { rule: { interval: [{ field: 'hours' }] } },
	});
	const list = ourNode(
		name,
		'List Pending Members',
		'memberAccount',
		{ operation: 'listMembers', status: 'pending_approval', q: '', limit: 100, cursor: '' },
		['memberStoreApi'],
		at(1),
	);
	const anyWaiting = ifAboveZero(name, 'Anyone Waiting?', '={{ $json.members.length }}', at(2));
	const email = emailNode(name, 'Email the Administrator', at(3), {
		fromEmail: 'members@example.com',
		toEmail: 'admin@example.com',
		subject: '={{ $json.members.length }} registration(s) waiting for approval',
		text: '=Waiting for approval:\n{{ $json.members.map(member => member.email + " (since " + member.createdAt + ")").join("\\n") }}\n\nApprove with POST /webhook/admin/members/approve.',
	});
	const note = sticky(
		name,
		'About',
		'## Approval alert\nEvery hour, lists the members waiting for approval and, if there are any, emails an administrator. Set up the **Send Email** node with your SMTP credential and addresses (or swap it for Slack, Teams…), pick your *Member Store* credential in *List Pending Members*, then publish.\n\n' +
			`**Executions are not saved** ${SAVE_SETTINGS}, like every sample.`,
		[-40, 0],
		{ width: 760, height: 300 },
	);
	const chain = [trigger, list, anyWaiting, email];
	return assemble(name, [note], [{ nodes: chain, connections: connectInOrder(...chain) }]);
}

module.exports = { accountWorkflow, factorsWorkflow, adminWorkflow, approvalAlertWorkflow };
