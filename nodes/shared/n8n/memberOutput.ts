/** Shapes member results for the Success output: `ok` and the HTTP status a webhook can answer with as is. */
import type { IDataObject } from 'n8n-workflow';

/** Success items go to output 0 (runItems' default); outcomes to this one. */
export const FAILURE_OUTPUT = 1;

export function success(result: object, httpStatus = 200): IDataObject {
	return { ok: true, httpStatus, ...(result as IDataObject) };
}
