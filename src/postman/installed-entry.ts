// The installed script: the fast path, and the full code when the fast path declines, in one bundle that shares their modules.

import { serveFromNote } from './fast-path';
import { runFullCode } from './full-code';

if (!serveFromNote()) void runFullCode();
