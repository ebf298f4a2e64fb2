// Names shared by `pm-cognito run` and the script it sends with each request.

/** Where the runner serves the full code for requests whose fast path declines (a 127.0.0.1 URL). */
export const FULL_CODE_URL_VARIABLE = 'pm_cognito_full_code_url';
