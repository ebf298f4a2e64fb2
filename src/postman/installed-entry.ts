// The installed script: the fast path, and the full code when the fast path declines, in one bundle that shares their modules.
//
// In the built script this statement is split in two (src/tools/served-return.ts): `if (serveFromNote()) return;` right
// after the fast path's modules, and the full code's call after the full code's modules, so that a request the fast
// path serves never evaluates the full code's modules. What runs is the same as this statement.

import { serveFromNote } from './fast-path';
import { runFullCode } from './full-code';

if (!serveFromNote()) void runFullCode();
