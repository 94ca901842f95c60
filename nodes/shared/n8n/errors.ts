/** Turns the core's misconfiguration and outage errors into n8n's errors, with the item they belong to. */
import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';

import { ConfigurationError, ServiceUnavailableError } from '../core/errors';

export function toNodeError(node: INode, error: unknown, itemIndex: number): NodeOperationError | NodeApiError {
	if (error instanceof NodeOperationError || error instanceof NodeApiError) return error;
	if (error instanceof ServiceUnavailableError || (error instanceof ConfigurationError && error.httpStatus)) {
		const { code, message, httpStatus } = error as ServiceUnavailableError | ConfigurationError;
		return new NodeApiError(node, { code, message } as JsonObject, {
			message,
			description: error instanceof ConfigurationError ? error.description : undefined,
			httpCode: httpStatus ? String(httpStatus) : undefined,
			itemIndex,
		});
	}
	if (error instanceof ConfigurationError) {
		return new NodeOperationError(node, error.message, { description: error.description, itemIndex });
	}
	const message = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(node, message, { itemIndex });
}
