/** The building blocks of the sample workflows: webhooks, our nodes, Respond to Webhook, sticky notes, endpoints. */
const crypto = require('node:crypto');

const PACKAGE = 'n8n-nodes-twilio-verify';

/** Credentials are referenced by name (and a fixed id the demo imports); after an import, pick your own. */
const CREDENTIALS = {
	twilioVerifyApi: { id: 'TwilioVerify0001', name: 'Twilio Verify account' },
	memberStoreApi: { id: 'MemberStore00001', name: 'Member Store' },
};

/** Stable ids, so regenerating gives the same files. */
const stableId = (...parts) => {
	const hex = crypto.createHash('sha256').update(parts.join('/')).digest('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

const errorBody = '={{ JSON.stringify({ error: { code: $json.error.code, message: $json.error.message } }) }}';

function sticky(workflow, name, content, position, { width = 420, height = 300, color = 7 } = {}) {
	return {
		id: stableId(workflow, name),
		name,
		type: 'n8n-nodes-base.stickyNote',
		typeVersion: 1,
		position,
		parameters: { content, width, height, color },
	};
}

function webhook(workflow, method, urlPath, position) {
	return {
		id: stableId(workflow, urlPath, 'webhook'),
		name: `${method} ${urlPath}`,
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2.1,
		position,
		webhookId: stableId(workflow, urlPath, 'webhookId'),
		parameters: { httpMethod: method, path: urlPath, responseMode: 'responseNode', options: {} },
	};
}

function respond(workflow, name, responseCode, responseBody, position) {
	return {
		id: stableId(workflow, name),
		name,
		type: 'n8n-nodes-base.respondToWebhook',
		typeVersion: 1.5,
		position,
		parameters: { respondWith: 'json', responseBody, options: { responseCode } },
	};
}

function ourNode(workflow, name, type, parameters, credentialTypes, position) {
	return {
		id: stableId(workflow, name),
		name,
		type: `${PACKAGE}.${type}`,
		typeVersion: 1,
		position,
		parameters,
		credentials: Object.fromEntries(credentialTypes.map((credential) => [credential, CREDENTIALS[credential]])),
	};
}

/**
 * One endpoint: Webhook → node → [success → Respond, failure → Respond].
 * `success` is the expression of the success body; `successCode` the expression of its status.
 */
function endpoint(workflow, { method, path: urlPath, node, success, successCode = '={{ $json.httpStatus }}', row }) {
	const y = 300 + row * 220;
	const hook = webhook(workflow, method, urlPath, [0, y]);
	const worker = ourNode(workflow, node.name, node.type, node.parameters, node.credentials, [260, y]);
	const ok = respond(workflow, `${node.name}: OK`, successCode, `={{ JSON.stringify(${success}) }}`, [560, y - 60]);
	const failed = respond(workflow, `${node.name}: Error`, '={{ $json.error.httpStatus }}', errorBody, [560, y + 80]);
	const connections = {
		[hook.name]: { main: [[{ node: worker.name, type: 'main', index: 0 }]] },
		[worker.name]: {
			main: node.singleOutput
				? [[{ node: ok.name, type: 'main', index: 0 }]]
				: [[{ node: ok.name, type: 'main', index: 0 }], [{ node: failed.name, type: 'main', index: 0 }]],
		},
	};
	return { nodes: node.singleOutput ? [hook, worker, ok] : [hook, worker, ok, failed], connections };
}

function assemble(name, notes, endpoints) {
	const nodes = [...notes];
	const connections = {};
	for (const part of endpoints) {
		nodes.push(...part.nodes);
		Object.assign(connections, part.connections);
	}
	return {
		id: stableId(name).replace(/-/g, '').slice(0, 16),
		name,
		nodes,
		connections,
		active: false,
		settings: { executionOrder: 'v1' },
		pinData: {},
		meta: { templateCredsSetupCompleted: false },
		tags: [],
	};
}

const service = { __rl: true, mode: 'list', value: '' };
const verifyCredential = ['twilioVerifyApi'];
const memberCredentials = ['memberStoreApi', 'twilioVerifyApi'];
const sessionBody = '{ member: $json.member, sessionToken: $json.sessionToken, expiresAt: $json.expiresAt }';

module.exports = { PACKAGE, CREDENTIALS, stableId, errorBody, sticky, webhook, respond, ourNode, endpoint, assemble, service, verifyCredential, memberCredentials, sessionBody };
