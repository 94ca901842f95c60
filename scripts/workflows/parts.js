/** The building blocks of the sample workflows: webhooks, our nodes, Respond to Webhook, sticky notes, endpoints. */
const crypto = require('node:crypto');

const { NOT_SAVED, OUTAGES } = require('./notes');

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

/** A node of n8n's own (`n8n-nodes-base.<type>`); its id follows from the workflow and `idKey`, so it survives regenerating. */
function baseNode(workflow, idKey, { name, type, typeVersion, position, parameters }) {
	return { id: stableId(workflow, idKey), name, type: `n8n-nodes-base.${type}`, typeVersion, position, parameters };
}

function sticky(workflow, name, content, position, { width = 420, height = 300, color = 7 } = {}) {
	return baseNode(workflow, name, { name, type: 'stickyNote', typeVersion: 1, position, parameters: { content, width, height, color } });
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

/** A Respond to Webhook node answering JSON; `moreOptions` go next to the status (response headers, for example). */
function respond(workflow, name, responseCode, responseBody, position, moreOptions = {}) {
	const parameters = { respondWith: 'json', responseBody, options: { responseCode, ...moreOptions } };
	return baseNode(workflow, name, { name, type: 'respondToWebhook', typeVersion: 1.5, position, parameters });
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
	return respond(workflow, name, 503, JSON.stringify(unavailableBody), position, {
		responseHeaders: { entries: [{ name: 'Retry-After', value: String(RETRY_AFTER_SECONDS) }] },
	});
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
	const condition = { id: stableId(workflow, 'if', 'condition'), leftValue, rightValue: 0, operator: { type: 'number', operation: 'gt' } };
	return baseNode(workflow, 'if', { name, type: 'if', typeVersion: 2.2, position, parameters: allOf([condition]) });
}

/** The conditions of an If or Filter node that passes items meeting every one of `conditions`. */
function allOf(conditions) {
	return {
		conditions: {
			options: { caseSensitive: true, leftValue: '', typeValidation: 'loose', version: 2 },
			conditions,
			combinator: 'and',
		},
		options: {},
	};
}

/** A plain-text Send Email node (its SMTP credential is left for the builder to pick). */
function emailNode(workflow, name, position, { fromEmail, toEmail, subject, text }) {
	const parameters = { fromEmail, toEmail, subject, emailFormat: 'text', text, options: {} };
	return baseNode(workflow, 'email', { name, type: 'emailSend', typeVersion: 2.1, position, parameters });
}

/** Connects each node's first output to the next node; an If node's false output stays unconnected. */
function connectInOrder(...nodes) {
	return Object.fromEntries(
		nodes.slice(0, -1).map((node, index) => {
			const next = [{ node: nodes[index + 1].name, type: 'main', index: 0 }];
			return [node.name, { main: node.type === 'n8n-nodes-base.if' ? [next, []] : [next] }];
		}),
	);
}

/** A workflow: its notes, then its parts (each some nodes and their connections: an endpoint, a chain of nodes). */
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

/** A success body (an expression) that answers these fields of the node's output as they are. */
function outputFields(...fields) {
	return `{ ${fields.map((field) => `${field}: $json.${field}`).join(', ')} }`;
}
const sessionBody = outputFields('member', 'sessionToken', 'expiresAt');

/** One of the member nodes (memberRegister, memberLogin, memberAccount) as an endpoint runs it, on the credential's Verify Service. */
function memberNode(type, operation, name, parameters = {}) {
	return { name, type, credentials: memberCredentials, parameters: { operation, serviceSid: service, ...parameters } };
}

/** One endpoint a row, in canvas order: `[method, path, node, success, successCode?]` (see endpoint()). */
function endpointRows(workflow, rows) {
	return rows.map(([method, urlPath, node, success, successCode], row) =>
		endpoint(workflow, { method, path: urlPath, row, node, success, successCode }),
	);
}

/**
 * A sample that serves webhook endpoints: its About note (`about` from notes.js, then what an outage answers and that
 * nothing is saved) above one endpoint a row (see endpointRows()). `eachEndpoint` may change every endpoint's nodes.
 */
function webhookSample(name, about, rows, eachEndpoint = (part) => part) {
	const note = sticky(name, 'About', `${about.text}\n\n${OUTAGES}\n\n${NOT_SAVED}`, [-40, 0], { width: 860, height: about.height });
	return assemble(name, [note], endpointRows(name, rows).map(eachEndpoint));
}

module.exports = {
	PACKAGE,
	CREDENTIALS,
	LAYOUT,
	stableId,
	errorBody,
	baseNode,
	allOf,
	emailNode,
	connectInOrder,
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
	outputFields,
	memberNode,
	endpointRows,
	webhookSample,
};
