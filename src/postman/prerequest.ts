// The full code as a script of its own: the body of the installed script's pmCognitoFullCode(), and what `pm-cognito run` serves.

import { runFullCode } from './full-code';

void runFullCode();
