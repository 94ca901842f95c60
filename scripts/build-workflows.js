#!/usr/bin/env node
/**
 * Writes the sample workflows in workflows/*.json. They are generated so that every endpoint of the webhook contract
 * (README, "The webhook backend") is wired the same way: Webhook → one of our nodes → Respond to Webhook for success and for
 * failure, with the status code the node put on the item. Run `npm run workflows` after changing this file; a test
 * checks that the committed JSON matches.
 */
const fs = require('node:fs');
const path = require('node:path');

const { CREDENTIALS } = require('./workflows/parts');
const {
	verifyApiWorkflow,
	registerWorkflow,
	loginWorkflow,
	otpWorkflow,
	demoPageWorkflow,
	manualApprovalWorkflow,
	serviceSetupWorkflow,
} = require('./workflows/definitions');
const { accountWorkflow, factorsWorkflow, adminWorkflow, approvalAlertWorkflow } = require('./workflows/lifecycle');
const { eventsDigestWorkflow } = require('./workflows/events');

const outputFolder = path.join(__dirname, '..', 'workflows');

const WORKFLOWS = {
	'verify-api.json': verifyApiWorkflow,
	'member-register.json': registerWorkflow,
	'member-login.json': loginWorkflow,
	'passwordless-otp.json': otpWorkflow,
	'demo-page.json': demoPageWorkflow,
	'verify-service-setup.json': serviceSetupWorkflow,
	'member-account.json': accountWorkflow,
	'member-factors.json': factorsWorkflow,
	'member-admin.json': adminWorkflow,
	'admin-approval-alert.json': approvalAlertWorkflow,
	'verify-events-digest.json': eventsDigestWorkflow,
};

function buildAll() {
	return Object.fromEntries(Object.entries(WORKFLOWS).map(([file, build]) => [file, `${JSON.stringify(build(), null, '\t')}\n`]));
}

if (require.main === module) {
	for (const [file, text] of Object.entries(buildAll())) {
		fs.writeFileSync(path.join(outputFolder, file), text);
		process.stdout.write(`wrote workflows/${file}\n`);
	}
}

module.exports = { buildAll, manualApprovalWorkflow, CREDENTIALS };
