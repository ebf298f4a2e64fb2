// The installed script: the fast path, and the full code when the fast path declines, in one bundle that shares their modules.
//
// The full code is `require`d where the fast path declines: the bundler then wraps the modules only it needs in
// lazy initialisers, so their tables and classes are built only on the requests that run it.

import { serveFromNote } from './fast-path';

if (!serveFromNote()) void (require('./full-code') as typeof import('./full-code')).runFullCode();
