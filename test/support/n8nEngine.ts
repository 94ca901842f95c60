/**
 * Runs one of our nodes inside n8n's real execution engine (n8n-core's WorkflowExecute with n8n-workflow's Workflow),
 * the way n8n runs it in production: real parameter resolution, expressions, credentials lookup, continueOnFail and
 * pairedItem handling. Only the credential store is replaced by an in-memory one.
 */
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import {
	ICredentialsHelper,
	Workflow,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteData,
	type INode,
	type INodeCredentialsDetails,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

export class InMemoryCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly byType: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(_credentials: ICredentialDataDecryptedObject, _type: string, request: never) {
		return request;
	}

	async preAuthentication() {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	async getCredentials(): Promise<never> {
		throw new Error('not used by these nodes');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const credentials = this.byType[type];
		if (!credentials) throw new Error(`No credentials of type ${type} configured for the test`);
		return structuredClone(credentials);
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}

	getCredentialsProperties() {
		return [];
	}
}

export interface RunNodeOptions {
	nodeType: INodeType;
	parameters: INodeParameters;
	/** input items' json; defaults to one empty item */
	items?: IDataObject[];
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	continueOnFail?: boolean;
}

export interface RunNodeResult {
	/** items per output */
	outputs: INodeExecutionData[][];
	/** the error that stopped the node, when it threw */
	error?: Error & { description?: string; httpCode?: string | null; context?: IDataObject };
}

const NODE_NAME = 'Node Under Test';

export async function runNode(options: RunNodeOptions): Promise<RunNodeResult> {
	const { nodeType } = options;
	const typeName = `n8n-nodes-twilio-verify.${nodeType.description.name}`;
	const nodeTypes: INodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	};
	const node: INode = {
		id: 'a3f4c5d6-0000-4000-8000-000000000001',
		name: NODE_NAME,
		type: typeName,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters,
		credentials: Object.fromEntries(
			Object.keys(options.credentials ?? {}).map((type) => [type, { id: `${type}-id`, name: `${type} test` }]),
		),
		onError: options.continueOnFail ? 'continueRegularOutput' : 'stopWorkflow',
	};
	const workflow = new Workflow({ id: 'test', nodes: [node], connections: {}, nodeTypes, active: false });

	const hooks = new ExecutionLifecycleHooks('manual', 'test-execution', {
		id: 'test',
		name: 'test',
		nodes: [node],
		connections: {},
		active: false,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
		activeVersionId: null,
	} as never);
	let resolveRun: (run: IRun) => void = () => {};
	const finished = new Promise<IRun>((resolve) => (resolveRun = resolve));
	hooks.addHandler('workflowExecuteAfter', (run) => resolveRun(run));

	const additionalData = {
		hooks,
		credentialsHelper: new InMemoryCredentialsHelper(options.credentials ?? {}),
		currentNodeParameters: undefined,
		executionId: 'test-execution',
		restApiUrl: 'http://localhost/rest',
		instanceBaseUrl: 'http://localhost/',
		webhookBaseUrl: 'http://localhost/webhook',
		webhookWaitingBaseUrl: 'http://localhost/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost/webhook-test',
		formWaitingBaseUrl: 'http://localhost/form-waiting',
		variables: {},
		userId: 'test-user',
	} as unknown as IWorkflowExecuteAdditionalData;

	const items = (options.items ?? [{}]).map((json) => ({ json }));
	const stack: IExecuteData[] = [{ node, data: { main: [items] }, source: null }];
	const execute = new WorkflowExecute(additionalData, 'manual', {
		version: 1,
		startData: {},
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			nodeExecutionStack: stack,
			waitingExecution: {},
			waitingExecutionSource: null,
		},
	} as never);
	await execute.processRunExecutionData(workflow);
	const run = await finished;

	const taskData = run.data.resultData.runData[NODE_NAME]?.[0];
	const outputs = (taskData?.data?.main ?? []).map((output) => output ?? []);
	const error = (taskData?.error ?? run.data.resultData.error) as RunNodeResult['error'];
	return { outputs, error };
}
