/** A text parameter the editor masks: passwords, tokens, keys. Built here so none of them can miss the mask. */
import type { INodeProperties } from 'n8n-workflow';

export function secretField(displayName: string, name: string, extra: Partial<INodeProperties> = {}): INodeProperties {
	return { displayName, name, type: 'string', typeOptions: { password: true }, default: '', ...extra };
}
