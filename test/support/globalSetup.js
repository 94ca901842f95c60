/**
 * jose 6 ships only ES modules; Jest loads CommonJS. The build bundles jose into a CommonJS file for n8n, and the tests
 * map `jose` to the same kind of bundle (the real library, bundled the way the build does it), made once per run.
 */
const path = require('node:path');
const { buildSync } = require('esbuild');

const JOSE_BUNDLE = path.join(__dirname, '..', '..', 'node_modules', '.cache', 'n8n-nodes-twilio-verify-tests', 'jose.cjs');

module.exports = async function globalSetup() {
	buildSync({
		stdin: { contents: "module.exports = require('jose');", resolveDir: __dirname, loader: 'js' },
		outfile: JOSE_BUNDLE,
		bundle: true,
		platform: 'node',
		target: 'node22',
		format: 'cjs',
		logLevel: 'warning',
	});
};
module.exports.JOSE_BUNDLE = JOSE_BUNDLE;
