// vitest's file order from test/file-durations.json (longest first), the same in a clean clone as on a machine with vitest's cache.

import { statSync } from 'node:fs';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { committedSeconds, durationsFile, repositoryPath } from './file-durations.mjs';
import { longestFirst } from './longest-first.mjs';

/**
 * Without this, a clean clone (CI) has no vitest results cache and starts files largest first, which put a 35 s file
 * last on this machine's 3 workers. Sharding stays vitest's own (`shard` is inherited).
 */
export default class DurationSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    const seconds = committedSeconds(durationsFile(root));
    const described = files.map((spec) => {
      let size = 0;
      try {
        size = statSync(spec.moduleId).size;
      } catch {
        // a virtual module: no size, ordered by duration or last among the unknown
      }
      return { spec, project: spec.project.name, path: repositoryPath(spec.moduleId, root), size };
    });
    return longestFirst(described, seconds).map((d) => d.spec);
  }
}
