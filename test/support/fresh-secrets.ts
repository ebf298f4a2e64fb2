// Each test starts with no remembered secrets, as a new process would: without per-file isolation one process runs many files.

import { beforeEach } from 'vitest';
import { forgetSecrets } from '../../src/core/redact';

beforeEach(() => {
  forgetSecrets();
});
