// Ends the run with one plain line, "tests: N passed, N failed", which CI reads as the summary.
// Written when the process exits, so it stays last after Jest's own summary.
const fs = require('node:fs');

class SummaryReporter {
  onRunComplete(_contexts, results) {
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const skipped = results.numPendingTests + results.numTodoTests;
    const line = `tests: ${results.numPassedTests} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : '');
    process.once('exit', () => fs.writeSync(1, `\n${line}\n`));
  }
}
module.exports = SummaryReporter;
