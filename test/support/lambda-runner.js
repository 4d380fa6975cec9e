// Runs a bundled Lambda handler the way the Node.js runtime does: require the bundle once,
// call the exported handler with each event and a context, print each result on a marked line.
// Usage: node lambda-runner.js <bundle/index.js> <events.json>
const path = require('node:path');
const fs = require('node:fs');
const { randomUUID } = require('node:crypto');

const MARK = '__LAMBDA_RESULT__ ';

async function main() {
  const [bundle, eventsFile] = process.argv.slice(2);
  const events = JSON.parse(fs.readFileSync(eventsFile, 'utf8'));
  const started = process.hrtime.bigint();
  const module = require(path.resolve(bundle));
  const loadMs = Number(process.hrtime.bigint() - started) / 1e6;
  process.stdout.write(`${MARK}${JSON.stringify({ loadMs })}\n`);
  for (const event of events) {
    const context = {
      awsRequestId: randomUUID(),
      functionName: process.env.AWS_LAMBDA_FUNCTION_NAME || 'agent',
      functionVersion: '$LATEST',
      memoryLimitInMB: '512',
      getRemainingTimeInMillis: () => 30000,
    };
    let result;
    try {
      result = { ok: await module.handler(event, context) };
    } catch (error) {
      result = { thrown: String(error && error.stack ? error.stack : error) };
    }
    process.stdout.write(`${MARK}${JSON.stringify(result)}\n`);
  }
}

main().catch((error) => {
  process.stdout.write(`${MARK}${JSON.stringify({ initError: String(error && error.stack ? error.stack : error) })}\n`);
  process.exitCode = 1;
});
