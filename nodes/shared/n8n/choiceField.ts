/** A dropdown parameter. Its first choice is its default, so the two can never disagree. */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

export function choiceField(
	displayName: string,
	name: string,
	options: [INodePropertyOptions, ...INodePropertyOptions[]],
	extra: Partial<INodeProperties> = {},
): INodeProperties {
	const firstChoice = options[0].value;
	return { displayName, name, type: 'options', default: firstChoice, options, ...extra };
}
