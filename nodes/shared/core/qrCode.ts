/** QR codes of otpauth:// URIs, drawn as SVG text so a frontend can show them without a library of its own. */
import { loadOnce } from './loadOnce';

/** The QR library is bundled separately and loaded the first time an authenticator is enrolled. */
const loadQr = loadOnce(() => import('../vendor/qrcode'));

/** A scalable SVG of `text`, error correction M (what authenticator apps read well from a screen). */
export async function qrSvg(text: string): Promise<string> {
	const { qrcode } = await loadQr();
	const code = qrcode(0, 'M');
	code.addData(text, 'Byte');
	code.make();
	return code.createSvgTag({ cellSize: 4, margin: 4, scalable: true });
}
