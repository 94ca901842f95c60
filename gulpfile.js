/**
 * Build: type-check and compile with tsc, bundle the third-party libraries into dist/, copy icons and codex files.
 *
 * n8n's community-node rules forbid runtime "dependencies", so twilio, libphonenumber-js, pg and jose are dev
 * dependencies that esbuild bundles here. Each library lives in one file under dist/nodes/shared/vendor/, shared by all
 * nodes and required only when a node first needs it, so loading the package into n8n stays cheap.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { src, dest, series } = require('gulp');

const root = __dirname;
const dist = path.join(root, 'dist');
const vendorSource = path.join(root, 'nodes', 'shared', 'vendor');
const vendorTarget = path.join(dist, 'nodes', 'shared', 'vendor');

function clean(done) {
	fs.rmSync(dist, { recursive: true, force: true });
	done();
}

function compile(done) {
	const tsc = require.resolve('typescript/bin/tsc');
	const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
	done(result.status === 0 ? undefined : new Error('tsc failed'));
}

/** Overwrites tsc's thin re-export files in dist/nodes/shared/vendor with self-contained bundles. */
async function bundleVendors() {
	const esbuild = require('esbuild');
	const entryPoints = fs
		.readdirSync(vendorSource)
		.filter((file) => file.endsWith('.ts'))
		.map((file) => path.join(vendorSource, file));
	const result = await esbuild.build({
		entryPoints,
		outdir: vendorTarget,
		bundle: true,
		platform: 'node',
		target: 'node22',
		format: 'cjs',
		minify: true,
		legalComments: 'linked',
		metafile: true,
		logLevel: 'warning',
		// Optional native or ESM-only add-ons that pg and twilio probe for and work without.
		external: ['pg-native'],
	});
	for (const [file, output] of Object.entries(result.metafile.outputs)) {
		if (file.endsWith('.js')) console.log(`bundled ${path.relative(root, file)} ${(output.bytes / 1024).toFixed(0)} KiB`);
	}
}

function copyAssets() {
	return src(['icons/*.svg', 'nodes/**/*.{png,svg,json}', 'credentials/**/*.{png,svg}'], { base: '.', encoding: false }).pipe(
		dest(dist),
	);
}

exports.clean = clean;
exports.build = series(clean, compile, bundleVendors, copyAssets);
exports.default = exports.build;
