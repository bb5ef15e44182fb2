/**
 * A Jest reporter that writes the run's totals to .cache/test-summary.json (or the `file`
 * option), so .ci/run can print `tests: N passed, N failed` from Jest's own results.
 */
const fs = require('node:fs');
const path = require('node:path');

class SummaryReporter {
  constructor(_globalConfig, options = {}) {
    this.file = path.join(__dirname, '..', '..', '.cache', options.file ?? 'test-summary.json');
  }

  onRunComplete(_contexts, results) {
    const { file } = this;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const failedSuites = results.numFailedTestSuites + results.numRuntimeErrorTestSuites;
    fs.writeFileSync(
      file,
      JSON.stringify({
        passed: results.numPassedTests,
        failed: results.numFailedTests,
        // A suite that crashed before its tests ran counts as a failure too.
        failedSuitesWithoutTests: results.testResults.filter((r) => r.testExecError).length,
        failedSuites,
        success: results.success,
      }),
    );
  }
}

module.exports = SummaryReporter;
