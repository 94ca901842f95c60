/** The building blocks of the sample workflows: webhooks, our nodes, Respond to Webhook, sticky notes, endpoints. */
const crypto = require('node:crypto');

const PACKAGE = 'n8n-nodes-twilio-verify';

/** Credentials are referenced by name (and a fixed id the demo imports); after an import, pick your own. */
const CREDENTIALS = {
	twilioVerifyApi: { id: 'TwilioVerify0001', name: 'Twilio Verify account' },
	memberStoreApi: { id: 'MemberStore00001', name: 'Member Store' },
	/** n8n's own Header Auth, guarding the admin webhooks */
	httpHeaderAuth: { id: 'AdminApiKey00001', name: 'Admin API key' },
};

/** Stable ids, so regenerating gives the same files. */
const stableId = (...parts) => {
	const hex = crypto.createHash('sha256').update(parts.join('/')).digest('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

/** Outcomes answer their code and message, and how long to wait when the outcome says (429, 503 BUSY, 423). */
const errorBody =
	'={{ JSON.stringify({ error: { code: $json.error.code, message: $json.error.message, retryAfterSeconds: $json.error.retryAfterSeconds } }) }}';

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
 * n8n saves every execution's data by default, Webhook bodies included: passwords, codes, session tokens and
 * `Authorization` headers would sit in its database in clear. The sample workflows save nothing (names and values as
 * n8n 2.x's IWorkflowSettings and toSaveSettings read them).
 */
const DO_NOT_SAVE_EXECUTIONS = {
	saveDataSuccessExecution: 'none',
	saveDataErrorExecution: 'none',
	saveManualExecutions: false,
	saveExecutionProgress: false,
};

/** What an outage (Twilio or the member store still failing after the retries) answers: generic, never n8n's error text. */
const RETRY_AFTER_SECONDS = 30;
const unavailableBody = {
	error: { code: 'SERVICE_UNAVAILABLE', message: 'The service is unavailable. Try again shortly.', retryAfterSeconds: RETRY_AFTER_SECONDS },
};

function unavailable(workflow, name, position) {
	return {
		id: stableId(workflow, name),
		name,
		type: 'n8n-nodes-base.respondToWebhook',
		typeVersion: 1.5,
		position,
		parameters: {
			respondWith: 'json',
			responseBody: JSON.stringify(unavailableBody),
			options: {
				responseCode: 503,
				responseHeaders: { entries: [{ name: 'Retry-After', value: String(RETRY_AFTER_SECONDS) }] },
			},
		},
	};
}

/**
 * Canvas layout of one endpoint: its Respond nodes stacked in a column, the Webhook and our node level with the
 * middle one. Nodes are 100 px square with their label below; 200 px per Respond node leaves room for a two-line label
 * and a gap. Every endpoint takes the same height, so rows never overlap; the first starts below the sticky notes
 * (at most 400 px tall).
 */
const LAYOUT = { top: 460, respondStep: 200, rowHeight: 600, webhookX: 0, nodeX: 300, respondX: 640 };

/** The same body as an expression (no `}}` inside, which would end n8n's `{{ }}`). */
const unavailableExpression = `{ error: { code: 'SERVICE_UNAVAILABLE', message: ${JSON.stringify(unavailableBody.error.message)}, retryAfterSeconds: ${RETRY_AFTER_SECONDS} } }`;
const outcomeExpression = '{ error: { code: $json.error.code, message: $json.error.message, retryAfterSeconds: $json.error.retryAfterSeconds } }';

/**
 * One endpoint: Webhook → node → [success → Respond, failure → Respond, error → Respond 503].
 * `success` is the expression of the success body; `successCode` the expression of its status. The node's error output
 * (On Error: Continue (using error output), n8n's `onError: 'continueErrorOutput'`) comes after its own outputs: an
 * item that failed (Twilio or the store still down after the retries) goes there.
 *
 * The success Respond answers success only for an item that says `ok: true`. When a node fails before it handles any
 * item (for example while opening the member store or reading its credential), n8n passes the node's *input*, the
 * Webhook request, to the first output instead of the error output; that item must not become a 200, so anything
 * but an outcome answers the same 503 there.
 */
function endpoint(workflow, { method, path: urlPath, node, success, successCode = '$json.httpStatus', row }) {
	const top = LAYOUT.top + row * LAYOUT.rowHeight;
	const responders = node.singleOutput ? 2 : 3;
	const middle = top + ((responders - 1) * LAYOUT.respondStep) / 2;
	const at = (index) => [LAYOUT.respondX, top + index * LAYOUT.respondStep];
	const hook = webhook(workflow, method, urlPath, [LAYOUT.webhookX, middle]);
	const worker = {
		...ourNode(workflow, node.name, node.type, node.parameters, node.credentials, [LAYOUT.nodeX, middle]),
		onError: 'continueErrorOutput',
	};
	// A one-output node puts its outcomes (ok: false) on that output too.
	const guarded = (value, outcome, unavailableValue) =>
		node.singleOutput
			? `$json.ok === true ? ${value} : $json.ok === false ? ${outcome} : ${unavailableValue}`
			: `$json.ok === true ? ${value} : ${unavailableValue}`;
	const ok = respond(
		workflow,
		`${node.name}: OK`,
		`={{ ${guarded(successCode, '$json.error.httpStatus', 503)} }}`,
		`={{ JSON.stringify(${guarded(success, outcomeExpression, unavailableExpression)}) }}`,
		at(0),
	);
	const failed = node.singleOutput
		? undefined
		: respond(workflow, `${node.name}: Error`, '={{ $json.error.httpStatus }}', errorBody, at(1));
	const down = unavailable(workflow, `${node.name}: Unavailable`, at(responders - 1));
	const to = (target) => [{ node: target.name, type: 'main', index: 0 }];
	const connections = {
		[hook.name]: { main: [to(worker)] },
		[worker.name]: { main: failed ? [to(ok), to(failed), to(down)] : [to(ok), to(down)] },
	};
	return { nodes: failed ? [hook, worker, ok, failed, down] : [hook, worker, ok, down], connections };
}

/** An If node whose true output passes items where the number `leftValue` (an expression) is above zero. */
function ifAboveZero(workflow, name, leftValue, position) {
	return {
		id: stableId(workflow, 'if'),
		name,
		type: 'n8n-nodes-base.if',
		typeVersion: 2.2,
		position,
		parameters: {
			conditions: {
				options: { caseSensitive: true, leftValue: '', typeValidation: 'loose', version: 2 },
				conditions: [{ id: stableId(workflow, 'if', 'condition'), leftValue, rightValue: 0, operator: { type: 'number', operation: 'gt' } }],
				combinator: 'and',
			},
			options: {},
		},
	};
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
		settings: { executionOrder: 'v1', ...DO_NOT_SAVE_EXECUTIONS },
		pinData: {},
		meta: { templateCredsSetupCompleted: false },
		tags: [],
	};
}

const service = { __rl: true, mode: 'list', value: '' };
const verifyCredential = ['twilioVerifyApi'];
const memberCredentials = ['memberStoreApi', 'twilioVerifyApi'];
const sessionBody = '{ member: $json.member, sessionToken: $json.sessionToken, expiresAt: $json.expiresAt }';

module.exports = {
	PACKAGE,
	CREDENTIALS,
	LAYOUT,
	stableId,
	errorBody,
	sticky,
	webhook,
	respond,
	ourNode,
	endpoint,
	ifAboveZero,
	assemble,
	service,
	verifyCredential,
	memberCredentials,
	sessionBody,
};
