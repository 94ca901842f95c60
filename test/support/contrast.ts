/** Accessibility arithmetic for the browser tests. */

/** WCAG 2 contrast ratio of two CSS rgb() colours. */
export function contrast(foreground: string, background: string) {
	const luminance = (color: string) => {
		const [r, g, b] = color.match(/\d+(\.\d+)?/g)!.slice(0, 3).map((value) => {
			const channel = Number(value) / 255;
			return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
		});
		return 0.2126 * r + 0.7152 * g + 0.0722 * b;
	};
	const [light, dark] = [luminance(foreground), luminance(background)].sort((a, b) => b - a);
	return (light + 0.05) / (dark + 0.05);
}
