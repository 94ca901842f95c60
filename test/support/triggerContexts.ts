/**
 * n8n's own contexts for a trigger node outside a running n8n: HookContext for webhookMethods (what n8n calls when a
 * workflow is published or unpublished) and WebhookContext for webhook() (what it calls per request), over a real
 * Workflow with static data, an in-memory credential store and a given webhook base URL.
 */
import { HookContext, WebhookContext } from 'n8n-core';
import {
	Workflow,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type INode,
	type INodeParameters,
	type INodeType,
	type IWebhookData,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { InMemoryCredentialsHelper } from './n8nEngine';

export interface TriggerHarnessOptions {
	nodeType: INodeType;
	parameters: INodeParameters;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** e.g. http://127.0.0.1:1234/webhook: the trigger's URL is <base>/<webhookId>/webhook */
	webhookBaseUrl: string;
}

export interface FakeRequest {
	body: IDataObject | unknown[];
	headers: Record<string, string>;
	rawBody: Buffer;
	/** path and query as received */
	originalUrl: string;
}

export interface CapturedResponse {
	status?: number;
	json?: unknown;
}

export function triggerHarness(options: TriggerHarnessOptions) {
	const { nodeType } = options;
	const node: INode = {
		id: 'b1c2d3e4-0000-4000-8000-000000000001',
		name: 'Verify Trigger',
		type: `n8n-nodes-twilio-verify.${nodeType.description.name}`,
		typeVersion: 1,
		position: [0, 0],
		webhookId: 'c0ffee00-0000-4000-8000-00000000beef',
		parameters: options.parameters,
		credentials: Object.fromEntries(Object.keys(options.credentials).map((type) => [type, { id: `${type}-id`, name: type }])),
	};
	const workflow = new Workflow({
		id: 'trigger-workflow',
		nodes: [node],
		connections: {},
		nodeTypes: { getByName: () => nodeType, getByNameAndVersion: () => nodeType, getKnownTypes: () => ({}) },
		active: true,
		staticData: {},
	});
	const baseData = {
		credentialsHelper: new InMemoryCredentialsHelper(options.credentials),
		webhookBaseUrl: options.webhookBaseUrl,
		webhookTestBaseUrl: `${options.webhookBaseUrl}-test`,
		restApiUrl: 'http://localhost/rest',
		instanceBaseUrl: 'http://localhost/',
		variables: {},
	};

	/** `isTest`: what n8n does while the editor listens for a test event (the /webhook-test/ URL). */
	function hookContext(isTest = false) {
		const additionalData = baseData as unknown as IWorkflowExecuteAdditionalData;
		const webhookData = isTest ? ({ isTest: true, webhookDescription: nodeType.description.webhooks![0] } as unknown as IWebhookData) : undefined;
		return new HookContext(workflow, node, additionalData, isTest ? 'manual' : 'trigger', isTest ? 'manual' : 'activate', webhookData);
	}

	/** Runs webhook() for one request; answers what it returned and what it wrote to the response. */
	async function receive(request: FakeRequest, isTest = false) {
		const response: CapturedResponse = {};
		const res = {
			status(code: number) {
				response.status = code;
				return res;
			},
			json(body: unknown) {
				response.json = body;
				return res;
			},
			end() {
				return res;
			},
		};
		const req = { ...request, url: request.originalUrl, query: {}, params: {}, method: 'POST' };
		const additionalData = { ...baseData, httpRequest: req, httpResponse: res } as unknown as IWorkflowExecuteAdditionalData;
		const webhookData = {
			httpMethod: 'POST',
			node: node.name,
			path: 'webhook',
			webhookDescription: nodeType.description.webhooks![0],
			workflowId: workflow.id,
			workflowExecuteAdditionalData: additionalData,
			isTest,
		} as unknown as IWebhookData;
		const context = new WebhookContext(workflow, node, additionalData, isTest ? 'manual' : 'webhook', webhookData, [], null);
		const result = await nodeType.webhook!.call(context);
		return { result, response };
	}

	return {
		node,
		workflow,
		staticData: () => workflow.staticData[`node:${node.name}`] as IDataObject | undefined,
		webhookUrl: `${options.webhookBaseUrl}/${node.webhookId}/webhook`,
		testWebhookUrl: `${options.webhookBaseUrl}-test/${node.webhookId}/webhook`,
		checkExists: (isTest = false) => nodeType.webhookMethods!.default!.checkExists.call(hookContext(isTest)),
		create: (isTest = false) => nodeType.webhookMethods!.default!.create.call(hookContext(isTest)),
		delete: (isTest = false) => nodeType.webhookMethods!.default!.delete.call(hookContext(isTest)),
		receive,
	};
}
