// Jest's order for a run: the longest suites first, so that no long one starts last and runs on alone
// while the other workers sit idle. Jest orders by the durations it cached from earlier runs, which a
// fresh clone (CI) does not have: there it fell back to file size and started the 200-second drift test
// after 490 s. test/suite-seconds.json holds each suite's seconds from a `npm test` run at 4 workers
// (suites under 5 s left out); a suite not in it counts as 5 s, behind the others by file size.
import Sequencer from '@jest/test-sequencer';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const seconds = JSON.parse(readFileSync(join(import.meta.dirname, '../suite-seconds.json'), 'utf8'));

export default class LongestFirst extends Sequencer {
  sort(tests) {
    const known = (test) => seconds[relative(test.context.config.rootDir, test.path).replaceAll('\\', '/')] ?? 5;
    const size = (test) => test.context.hasteFS.getSize(test.path) ?? 0;
    return [...tests].sort((a, b) => known(b) - known(a) || size(b) - size(a));
  }
}
