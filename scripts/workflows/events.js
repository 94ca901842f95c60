/** The sample started by Twilio Verify events: failed and expired verifications counted per country, emailed daily. */
const { SAVE_SETTINGS } = require('./notes');
const { LAYOUT, stableId, baseNode, allOf, emailNode, connectInOrder, sticky, ourNode, assemble, ifAboveZero } = require('./parts');

const FAILURES = ['verification.expired', 'verification.max-attempts-reached'];

// Workflow static data is kept by n8n between production executions of a published workflow (not in manual runs).
const countCode = `// n8n keeps this object between executions of the published workflow.
const counts = $getWorkflowStaticData('global');
counts.failures = counts.failures ?? {};
for (const item of $input.all()) {
  const country = item.json.country || 'unknown';
  const kind = item.json.eventType === 'verification.expired' ? 'expired' : 'tooManyWrongCodes';
  counts.failures[country] = counts.failures[country] ?? { expired: 0, tooManyWrongCodes: 0 };
  counts.failures[country][kind] += 1;
}
return [{ json: { counted: $input.all().length } }];`;

const takeCode = `// Reads the day's counts and starts a new day.
const counts = $getWorkflowStaticData('global');
const failures = counts.failures ?? {};
counts.failures = {};
const countries = Object.entries(failures)
  .map(([country, count]) => ({ country, ...count, total: count.expired + count.tooManyWrongCodes }))
  .sort((a, b) => b.total - a.total);
return [{ json: { countries, total: countries.reduce((sum, country) => sum + country.total, 0) } }];`;

function code(workflow, name, jsCode, position) {
	return baseNode(workflow, name, { name, type: 'code', typeVersion: 2, position, parameters: { jsCode } });
}

function eventsDigestWorkflow() {
	const name = 'Verify Events: daily digest of failed verifications per country';
	const at = (step, row) => [LAYOUT.webhookX + step * 300, LAYOUT.top + row * 300];
	const trigger = {
		...ourNode(name, 'Verify Events', 'twilioVerifyTrigger', { serviceSid: { __rl: true, mode: 'list', value: '' }, events: ['*'] }, ['twilioVerifyApi'], at(0, 0)),
		webhookId: stableId(name, 'trigger', 'webhookId'),
	};
	const isFailure = {
		id: stableId(name, 'filter', 'condition'),
		leftValue: `={{ ${JSON.stringify(FAILURES)}.includes($json.eventType) }}`,
		rightValue: '',
		operator: { type: 'boolean', operation: 'true', singleValue: true },
	};
	const failed = baseNode(name, 'filter', {
		name: 'Expired or Too Many Wrong Codes?',
		type: 'filter',
		typeVersion: 2.2,
		position: at(1, 0),
		parameters: allOf([isFailure]),
	});
	const count = code(name, "Add to Today's Counts", countCode, at(2, 0));
	const daily = baseNode(name, 'schedule', {
		name: 'Every Day at 8:00',
		type: 'scheduleTrigger',
		typeVersion: 1.2,
		position: at(0, 1),
		parameters: { rule: { interval: [{ triggerAtHour: 8 }] } },
	});
	const take = code(name, "Take Today's Counts", takeCode, at(1, 1));
	const anyFailed = ifAboveZero(name, 'Any Failures?', '={{ $json.total }}', at(2, 1));
	const email = emailNode(name, 'Email the Digest', at(3, 1), {
		fromEmail: 'verify@example.com',
		toEmail: 'security@example.com',
		subject: '={{ $json.total }} failed verification(s) in the last day',
		text: '=Failed verifications per country since yesterday:\n{{ $json.countries.map(row => row.country + ": " + row.expired + " expired, " + row.tooManyWrongCodes + " ended by too many wrong codes").join("\\n") }}\n\nA country you do not serve with many failures can be SMS pumping: restrict it in Verify\'s Geo Permissions.',
	});
	const note = sticky(
		name,
		'About',
		'## Verify Events → daily digest\nThe **Twilio Verify Trigger** starts this workflow for each event of your Verify Service; expired verifications and those ended by too many wrong codes are counted per country. Every morning the counts are emailed and start again from zero. n8n keeps the counts in the workflow\'s static data, which it saves only for the **published** workflow.\n\n' +
			'**Set-up:** n8n needs a public HTTPS URL (`WEBHOOK_URL`). The credential must use the **Auth Token** (Twilio signs its requests with it; unsigned requests get 403). Publishing registers a Verify webhook on the service. Verification events (expired, too many wrong codes, …) are **Verify Events**: in the Twilio Console, create an Event Streams webhook sink to the trigger\'s *Production URL* and subscribe it to the Verify *Verification Status* events. Set up **Email the Digest** with your SMTP credential.\n\n' +
			`For history before publishing, the *Twilio Verify Service* node reads Verification Attempts. **Executions are not saved** ${SAVE_SETTINGS}, like every sample.`,
		[-40, 0],
		{ width: 1180, height: 400 },
	);
	// Two chains: each event is counted as it comes; the daily schedule mails and clears the counts.
	return assemble(name, [note], [
		{ nodes: [trigger, failed, count], connections: connectInOrder(trigger, failed, count) },
		{ nodes: [daily, take, anyFailed, email], connections: connectInOrder(daily, take, anyFailed, email) },
	]);
}

module.exports = { eventsDigestWorkflow };
