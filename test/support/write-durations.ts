// `npm run test:durations`: rewrites test/file-durations.json from a vitest JSON report (what the sequencer orders by).

import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { ROOT } from './collection';
import { durationsFile, repositoryPath } from './file-durations.mjs';

interface Report {
  testResults: { name: string; startTime: number; endTime: number }[];
}

const reportFile = process.argv[2];
if (!reportFile) {
  console.error('usage: tsx test/support/write-durations.ts <vitest JSON report>');
  process.exit(2);
}
const report = JSON.parse(readFileSync(reportFile, 'utf8')) as Report;
const seconds: Record<string, number> = {};
for (const file of report.testResults) {
  seconds[repositoryPath(file.name, ROOT)] = Math.round((file.endTime - file.startTime) / 100) / 10;
}
const sorted = Object.fromEntries(Object.entries(seconds).sort(([a], [b]) => (a < b ? -1 : 1)));
const about = 'Seconds per test file from one full run on the 2-core dev machine; test/support/duration-sequencer.mts starts the longest first. Refresh: npm run test:durations.';
const target = durationsFile(ROOT);
writeFileSync(target, JSON.stringify({ about, seconds: sorted }, null, 2) + '\n');
console.log('wrote ' + relative(ROOT, target) + ': ' + Object.keys(sorted).length + ' files');
