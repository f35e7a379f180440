// The closing summary of tools/jest/run-tests.sh: one line per Jest run (from its --json output), then the totals,
// so the three runs read as one. Usage: node summary.js <runs file> (lines `name|seconds|json file`).
const { existsSync, readFileSync } = require('node:fs');

const lines = readFileSync(process.argv[2], 'utf8').trim().split('\n').filter(Boolean);
const total = { suites: 0, failedSuites: 0, tests: 0, failedTests: 0, seconds: 0 };
const failed = [];
console.log('\n== summary');
for (const line of lines) {
  const [name, seconds, file] = line.split('|');
  total.seconds += Number(seconds);
  if (!existsSync(file)) {
    console.log(`${name}: no result (Jest did not finish), ${seconds} s`);
    total.failedSuites += 1;
    continue;
  }
  const run = JSON.parse(readFileSync(file, 'utf8'));
  Object.assign(total, {
    suites: total.suites + run.numTotalTestSuites,
    failedSuites: total.failedSuites + run.numFailedTestSuites + run.numRuntimeErrorTestSuites,
    tests: total.tests + run.numTotalTests,
    failedTests: total.failedTests + run.numFailedTests,
  });
  failed.push(...run.testResults.filter((suite) => suite.status !== 'passed').map((suite) => suite.name));
  console.log(
    `${name}: ${run.numTotalTestSuites} suites (${run.numFailedTestSuites} failed), ` +
      `${run.numTotalTests} tests (${run.numFailedTests} failed), ${seconds} s`,
  );
}
for (const name of failed) console.log(`FAILED ${name}`);
console.log(
  `Test Suites: ${total.failedSuites} failed, ${total.suites} total; ` +
    `Tests: ${total.failedTests} failed, ${total.tests} total; ${total.seconds} s`,
);
