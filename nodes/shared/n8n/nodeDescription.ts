/**
 * The parts of a node description every node of this package fills the same way. Icon, subtitle, usableAsTool and
 * credentials stay written out in each node file, where n8n's lint reads them.
 */
import { NodeConnectionTypes } from 'n8n-workflow';

export function nodeBasics(node: { displayName: string; name: string; description: string; group?: 'transform' | 'output' }) {
	return {
		displayName: node.displayName,
		name: node.name,
		description: node.description,
		group: [node.group ?? 'transform'],
		version: 1,
		defaults: { name: node.displayName },
		inputs: [NodeConnectionTypes.Main],
	};
}

/** One main output, or two named ones (a success and a failure side). */
export function nodeOutputs(names?: [string, string]) {
	if (!names) return { outputs: [NodeConnectionTypes.Main] };
	return { outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main], outputNames: names };
}
