#!/usr/bin/env node
/**
 * `npm run demo`: n8n with this package, the sample workflows, a SQLite member store and the local Verify sandbox
 * (codes are printed here). With TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN (and optionally TWILIO_VERIFY_SERVICE_SID)
 * in the environment it uses real Twilio instead; with MEMBER_STORE_POSTGRES_URL, PostgreSQL instead of SQLite.
 * Ctrl+C stops everything.
 */
const { startBackend } = require('./backend');

function twilioFromEnvironment() {
	const { TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_VERIFY_SERVICE_SID } = process.env;
	if (!TWILIO_ACCOUNT_SID && !TWILIO_AUTH_TOKEN) return undefined;
	if (!TWILIO_ACCOUNT_SID || !TWILIO_AUTH_TOKEN) {
		throw new Error('Set both TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN to use real Twilio (or neither for the sandbox).');
	}
	return { accountSid: TWILIO_ACCOUNT_SID, authToken: TWILIO_AUTH_TOKEN, serviceSid: TWILIO_VERIFY_SERVICE_SID };
}

async function main() {
	const twilio = twilioFromEnvironment();
	const backend = await startBackend({
		port: Number(process.env.N8N_PORT) || 5678,
		twilio,
		postgresUrl: process.env.MEMBER_STORE_POSTGRES_URL,
		logCodes: true,
		log: (line) => console.log(`[demo] ${line}`),
	});

	console.log(`
  n8n-nodes-twilio-verify demo is running
  ---------------------------------------
  Demo page:     ${backend.demoUrl}
  Webhooks:      ${backend.webhookUrl}<path>   (countries, verify/send, register/send-code, login, otp/login, me, ...)
  Admin API:     ${backend.webhookUrl}admin/members   (header ${backend.admin.header}: ${backend.admin.key})
  n8n editor:    ${backend.n8n.url}   (create the owner account to look at the workflows)
  Verify:        ${twilio ? 'real Twilio' : 'local sandbox: codes are printed below as "[verify-sandbox] code ..."'}
  Member store:  ${process.env.MEMBER_STORE_POSTGRES_URL ? 'PostgreSQL' : `SQLite (${backend.userFolder}/members.sqlite)`}
  n8n log:       ${backend.n8n.logFile}

  Press Ctrl+C to stop.
`);

	let stopping = false;
	const shutdown = async () => {
		if (stopping) return;
		stopping = true;
		console.log('\n[demo] stopping n8n and the sandbox...');
		await backend.stop();
		process.exit(0);
	};
	process.on('SIGINT', shutdown);
	process.on('SIGTERM', shutdown);
}

main().catch((error) => {
	console.error(`[demo] ${error.message}`);
	process.exit(1);
});
