/**
 * Values a JSON request body may carry where a node expects text: every request-fed parameter is tried with each of
 * them, and each must give an outcome (an item), never a crash and never a request to Twilio.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

export const ONE_MEGABYTE = 1_000_000;

/**
 * The wrong shapes of a value that looks like `like`, named for the test report: a number, a boolean, `like` in an
 * array and in an object, null (left out where null means "not given"), `like` repeated to a megabyte, and `extra`
 * (unicode look-alikes and other values wrong for one parameter only).
 */
export function oddValues(like: string, extra: Record<string, unknown> = {}, options: { nullMeansDefault?: boolean } = {}) {
	const values: Record<string, unknown> = {
		number: 1,
		boolean: true,
		array: [like],
		object: { value: like },
		null: null,
		huge: like.repeat(Math.ceil(ONE_MEGABYTE / like.length)),
		...extra,
	};
	if (options.nullMeansDefault) delete values.null;
	return values;
}

/** One input item per value, in the same order, each with `base` and the value under `field`. */
export function oddItems(field: string, values: Record<string, unknown>, base: IDataObject = {}): IDataObject[] {
	return Object.values(values).map((value) => ({ ...base, [field]: value as IDataObject[string] }));
}

/** Every item an outcome with this code and status, paired with its input item. */
export function expectOutcomes(items: INodeExecutionData[] | undefined, values: Record<string, unknown>, error: { code: string; httpStatus: number }) {
	expect(items).toHaveLength(Object.keys(values).length);
	(items ?? []).forEach((item, index) => {
		expect({ value: Object.keys(values)[index], json: item.json }).toMatchObject({ json: { ok: false, error } });
		expect(item.pairedItem).toEqual({ item: index });
	});
}
