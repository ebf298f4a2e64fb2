// The installed script's first part: the fast path, and the full code (a function declared after it) when the fast path declines.

import { serveFromNote } from './fast-path';

/** The full code (prerequest.ts), wrapped by the build in a function so that it is only run, and its tables only built, when needed. */
declare function pmCognitoFullCode(): void;

if (!serveFromNote()) pmCognitoFullCode();
