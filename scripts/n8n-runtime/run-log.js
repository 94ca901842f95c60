'use strict';
/**
 * The log file of one n8n run: <user folder>/n8n.log, appended run after run
 * (another name in the user folder for the other processes of a queue-mode run).
 */

const fs = require('node:fs');
const path = require('node:path');

/**
 * n8n writes straight into <user folder>/n8n.log (appended run after run).
 * A file, not a pipe: when our process dies first, n8n must still be able to
 * write while it shuts down (with a broken pipe it spins at 100 % CPU).
 */
function openRunLog(userFolder, echo, fileName = 'n8n.log') {
	const file = path.join(path.resolve(userFolder), fileName);
	const fd = fs.openSync(file, 'a');
	const runStart = fs.fstatSync(fd).size;
	const readBytesFrom = (offset) => {
		const length = Math.max(0, fs.statSync(file).size - offset);
		const buffer = Buffer.alloc(length);
		const readFd = fs.openSync(file, 'r');
		try {
			fs.readSync(readFd, buffer, 0, length, offset);
		} finally {
			fs.closeSync(readFd);
		}
		return buffer;
	};
	const readFrom = (offset) => readBytesFrom(offset).toString('utf8');
	// Echo for the CLI: copy what n8n appends to our stderr.
	let echoed = runStart;
	const echoNewLines = () => {
		const bytes = readBytesFrom(echoed);
		echoed += bytes.length;
		process.stderr.write(bytes);
	};
	const echoTimer = echo ? setInterval(echoNewLines, 200) : undefined;
	return {
		file,
		fd,
		all: () => readFrom(runStart),
		tail: (lines = 40) => readFrom(runStart).trimEnd().split('\n').slice(-lines).join('\n'),
		stopEcho: () => {
			if (!echoTimer) return;
			clearInterval(echoTimer);
			echoNewLines();
		},
	};
}

module.exports = { openRunLog };
