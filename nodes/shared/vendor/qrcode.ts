// Bundle entry: QR codes as SVG for authenticator-app enrolment. Loaded lazily through core/qrCode.ts.
import qrcode from 'qrcode-generator';

export { qrcode };
