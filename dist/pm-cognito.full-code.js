"use strict";
(() => {
  // src/core/redact.ts
  var MIN_SECRET_LENGTH = 6;
  var MAX_QUOTED_CHARS = 300;
  var known = /* @__PURE__ */ new Set();
  var rememberSecrets = (values) => {
    for (const value of values) if (value !== void 0 && value.length >= MIN_SECRET_LENGTH) known.add(value);
  };
  var redact = (text, extra = []) => {
    const secrets = [...known, ...extra.filter((s) => s !== void 0 && s.length >= MIN_SECRET_LENGTH)];
    if (secrets.length === 0) return text;
    let out = text;
    for (const secret of secrets.sort((a, b) => b.length - a.length)) out = out.split(secret).join("[secret]");
    return out;
  };
  var clip = (text, limit = MAX_QUOTED_CHARS) => text.length <= limit ? text : text.slice(0, limit) + "... (" + (text.length - limit) + " more characters)";

  // src/core/safe-json.ts
  var safeJsonParse = (text) => {
    try {
      return JSON.parse(text, /__proto__|\\u/.test(text) ? (key, value) => key === "__proto__" ? void 0 : value : void 0);
    } catch {
      return void 0;
    }
  };
  var hasOwn = (object, key) => Object.prototype.hasOwnProperty.call(object, key);
  var isRecord = (value) => typeof value === "object" && value !== null && !Array.isArray(value);

  // src/core/identity-name.ts
  var IDENTITY_NAME_PATTERN = "[A-Za-z0-9][A-Za-z0-9_.-]{0,63}";
  var IDENTITY_NAME = new RegExp("^" + IDENTITY_NAME_PATTERN + "$");
  var withIdentity = (base, identity) => identity ? base + "@" + identity : base;

  // src/core/base32.ts
  var BASE32_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  var base32Problem = (secret) => {
    const clean = cleanBase32(secret);
    if (clean.length === 0) return "is empty: set it to the base32 key the authenticator app was given";
    for (let i = 0; i < clean.length; i++) {
      if (BASE32_ALPHABET.indexOf(clean.charAt(i)) < 0) {
        return "is not valid base32: character " + (i + 1) + " (not counting spaces) is not A-Z or 2-7: copy the key again";
      }
    }
    return void 0;
  };
  var cleanBase32 = (secret) => secret.replace(/\s+/g, "").replace(/=+$/, "").toUpperCase();

  // src/core/setting-specs.ts
  var AUTH_FLOWS = [
    "USER_PASSWORD_AUTH",
    "USER_SRP_AUTH",
    "ADMIN_USER_PASSWORD_AUTH",
    "CLIENT_CREDENTIALS",
    // Choice-based sign-in (ALLOW_USER_AUTH); ADMIN_USER_AUTH is pm-cognito's name for USER_AUTH sent to AdminInitiateAuth.
    "USER_AUTH",
    "ADMIN_USER_AUTH"
  ];
  var PREFERRED_CHALLENGES = ["PASSWORD", "PASSWORD_SRP"];
  var TOKEN_TYPES = ["id", "access"];
  var USER_FLOWS = AUTH_FLOWS.filter((flow) => flow !== "CLIENT_CREDENTIALS");
  var ADMIN_FLOWS = ["ADMIN_USER_PASSWORD_AUTH", "ADMIN_USER_AUTH"];
  var isAdmin = (flow) => ADMIN_FLOWS.includes(flow);
  var REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
  var POOL_ID = /^([a-z]{2}(?:-[a-z]+)+-\d{1,2})_[0-9A-Za-z]+$/;
  var LOCAL_POOL_ID = /^[\w-]+_[0-9A-Za-z]+$/;
  var CLIENT_ID = /^[\w+]{1,128}$/;
  var HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
  var POOL_ID_EXAMPLE = " needs the user pool id (e.g. eu-west-1_AbCdEf123)";
  var TOKEN_URL_EXAMPLE = "https://<domain>.auth.<region>.amazoncognito.com/oauth2/token";
  var isNot = (value, ok, what, fix) => ok ? void 0 : "is " + quote(value) + ", which is not " + what + ": " + fix;
  function isHttpUrl(value) {
    const match = /^https?:\/\/(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?(\/[^\s?#]*)?$/.exec(value);
    if (!match) return false;
    const port = match[2];
    return port === void 0 || Number(port) >= 1 && Number(port) <= 65535;
  }
  function quote(value) {
    const masked = value.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/i, "$1***@");
    return '"' + (masked.length > 64 ? masked.slice(0, 61) + "..." : masked) + '"';
  }
  var poolRegion = (ctx) => ctx.values.userPoolId !== void 0 ? POOL_ID.exec(ctx.values.userPoolId)?.[1] : void 0;
  var upperSnake = (value) => value.trim().toUpperCase().replace(/[\s-]+/g, "_");
  var SETTING_TABLE = {
    authFlow: { kind: "enum", allowed: AUTH_FLOWS, normalise: upperSnake, defaultValue: "USER_PASSWORD_AUTH", namesIdentity: true },
    userPoolId: {
      check: (value) => isNot(value, POOL_ID.test(value) || LOCAL_POOL_ID.test(value), "a user pool id", "copy it from the Cognito console (it looks like eu-west-1_AbCdEf123)"),
      neededBecause: ({ flow, challenge }) => flow === "USER_SRP_AUTH" ? flow + POOL_ID_EXAMPLE : isAdmin(flow) ? flow + " needs the user pool id" : flow === "USER_AUTH" && challenge === "PASSWORD_SRP" ? flow + " with PASSWORD_SRP" + POOL_ID_EXAMPLE : void 0
    },
    region: {
      // Checks that read other settings declare their return type: the table's type is derived from the table itself.
      check: (value, ctx) => isNot(value, REGION.test(value), "an AWS region", "set it like eu-west-1") ?? (poolRegion(ctx) !== void 0 && value !== poolRegion(ctx) ? "is " + value + " but " + ctx.name("userPoolId") + " belongs to " + poolRegion(ctx) + ": make them agree (or leave " + ctx.name("region") + " empty)" : void 0),
      derive: poolRegion,
      neededBecause: (ctx) => poolRegion(ctx) !== void 0 ? void 0 : ctx.flow !== "CLIENT_CREDENTIALS" && !ctx.has("endpoint") ? "set the AWS region of the user pool (e.g. eu-west-1), or " + ctx.name("userPoolId") + ", or " + ctx.name("endpoint") : isAdmin(ctx.flow) ? ctx.flow + " signs for a region; set it or " + ctx.name("userPoolId") : void 0
    },
    endpoint: {
      kind: "url",
      check: (value) => isNot(value, isHttpUrl(value), "an http(s) URL", "set it like http://127.0.0.1:9229/ or leave it empty to use the region"),
      convert: (value) => value.endsWith("/") ? value : value + "/",
      derive: (ctx) => ctx.values.region !== void 0 ? "https://cognito-idp." + ctx.values.region + ".amazonaws.com/" : ""
    },
    allowEndpoint: {},
    clientId: {
      namesIdentity: true,
      neededBecause: () => "set it to the app client id from the Cognito console (App integration > App clients)",
      check: (value) => isNot(value, CLIENT_ID.test(value), "an app client id", "copy it from the Cognito console"),
      derive: () => ""
    },
    username: {
      perIdentity: true,
      namesIdentity: true,
      flows: USER_FLOWS,
      maxLength: 128,
      derive: () => "",
      neededBecause: () => "set it to the test user's username"
    },
    password: {
      kind: "secret",
      perIdentity: true,
      namesIdentity: true,
      flows: USER_FLOWS,
      maxLength: 256,
      derive: () => "",
      neededBecause: () => "set it to the test user's password (as a secret variable)"
    },
    preferredChallenge: { kind: "enum", allowed: PREFERRED_CHALLENGES, normalise: upperSnake, defaultValue: "PASSWORD" },
    awsAccessKeyId: {
      flows: ADMIN_FLOWS,
      neededBecause: ({ flow }) => flow + " signs with AWS credentials that may call cognito-idp:AdminInitiateAuth"
    },
    awsSecretAccessKey: {
      kind: "secret",
      flows: ADMIN_FLOWS,
      neededBecause: ({ flow }) => flow + " needs the secret access key of those credentials"
    },
    oauthTokenUrl: {
      kind: "url",
      flows: ["CLIENT_CREDENTIALS"],
      check: (value) => isNot(value, isHttpUrl(value), "an http(s) URL", "set the full token endpoint URL"),
      neededBecause: () => "set the user pool domain's token endpoint, e.g. " + TOKEN_URL_EXAMPLE
    },
    clientSecret: {
      kind: "secret",
      neededBecause: ({ flow }) => flow === "CLIENT_CREDENTIALS" ? "CLIENT_CREDENTIALS needs the app client's secret" : void 0
    },
    tokenType: { kind: "enum", allowed: TOKEN_TYPES, normalise: (v) => v.trim().toLowerCase().replace(/_?token$/, ""), defaultValue: "id" },
    headerName: {
      defaultValue: "Authorization",
      check: (value) => isNot(value, HEADER_NAME.test(value), "a valid header name", "use letters, digits and -")
    },
    headerScheme: {
      defaultValue: "",
      check: (value) => /[\r\n]/.test(value) || value.length > 64 ? "must be one short word such as Bearer, or empty" : void 0
    },
    refreshMarginSeconds: { kind: "integer", min: 0, max: 86400, defaultValue: "60" },
    timeoutMs: { kind: "integer", min: 100, max: 3e5, defaultValue: "10000" },
    debug: { kind: "boolean", defaultValue: "false" },
    userAttributes: { kind: "json", perIdentity: true, derive: () => ({}) },
    newPassword: { kind: "secret", perIdentity: true },
    totpSecret: { kind: "base32", perIdentity: true, check: base32Problem },
    awsSessionToken: { kind: "secret" },
    scopes: {}
  };
  var variableOf = (key) => {
    let name = "cognito_";
    for (const c of key) name += c < "a" ? "_" + c.toLowerCase() : c;
    return name;
  };
  var SETTING_SPECS = Object.fromEntries(Object.entries(SETTING_TABLE).map(([key, spec]) => [key, { variable: variableOf(key), ...spec }]));
  var variableName = (key, identity) => withIdentity(SETTING_SPECS[key].variable, identity);
  var settingVariable = (settings, key) => settings.shared?.includes(key) === true ? SETTING_SPECS[key].variable : variableName(key, settings.identity);
  function isSecret(spec) {
    return spec.kind === "secret" || spec.kind === "base32";
  }

  // src/core/errors.ts
  var PmCognitoError = class extends Error {
    constructor(code, message, facts = {}) {
      super(redact(message));
      this.name = "PmCognitoError";
      this.code = code;
      this.identity = facts.identity ?? "";
      this.setting = facts.setting;
      this.retryable = facts.retryable === true;
      this.permanent = facts.permanent === true && !this.retryable;
      this.cognitoType = facts.cognitoType;
      this.cognitoMessage = facts.cognitoMessage === void 0 ? void 0 : clip(redact(facts.cognitoMessage));
    }
  };
  var SettingsError = class extends PmCognitoError {
    /** `subject` names which settings in the message ('identity-pool settings'); default 'settings'. */
    constructor(facts) {
      const who = facts.identity ? ' for identity "' + facts.identity + '"' : "";
      const problems = facts.problems ?? [];
      super("SETTINGS_INVALID", facts.text !== void 0 ? "pm-cognito: " + facts.text : "pm-cognito " + (facts.subject ?? "settings") + who + " need attention (" + problems.length + "): " + problems.join("; ") + ".", facts);
      this.problems = facts.text !== void 0 ? [facts.text] : problems;
    }
  };
  var CognitoRefusal = class extends PmCognitoError {
    constructor(code, text, facts = {}) {
      const said = facts.cognitoType !== void 0 ? " (Cognito said " + facts.cognitoType + ": " + (facts.cognitoMessage || "no message") + ")" : "";
      super(code, "pm-cognito: " + text + said, { permanent: true, ...facts });
    }
  };
  var IdentityPoolRefusal = class extends PmCognitoError {
    constructor(code, text, facts) {
      super(code, "pm-cognito: " + text + " (Cognito Identity said " + facts.cognitoType + ": " + (facts.cognitoMessage || "no message") + ")", facts);
    }
  };
  var ChallengeError = class extends PmCognitoError {
    constructor(code, text, facts = {}) {
      super(code, "pm-cognito: " + text, { ...facts, permanent: true });
    }
  };
  var BadResponseError = class extends PmCognitoError {
    constructor(code, text, facts = {}) {
      super(code, "pm-cognito: " + text, facts);
    }
  };
  var defaultNames = () => ({
    endpointVariables: SETTING_SPECS.endpoint.variable + " / " + SETTING_SPECS.region.variable,
    timeoutVariable: SETTING_SPECS.timeoutMs.variable
  });
  var TransportError = class _TransportError extends PmCognitoError {
    constructor(failure, names = defaultNames(), identity = "") {
      super(failure.kind === "timeout" || failure.kind === "abandoned" ? "COGNITO_TIMEOUT" : failure.kind === "too-large" ? "COGNITO_BAD_RESPONSE" : "COGNITO_UNREACHABLE", "pm-cognito: " + (failure.kind === "timeout" ? "Cognito did not answer within " + failure.timeoutMs + " ms (" + names.timeoutVariable + "): check the endpoint is reachable from here" : failure.kind === "abandoned" ? "a call to Cognito got no whole answer within " + failure.timeoutMs + " ms (" + names.timeoutVariable + ") and is still open, so this request is not sent: if Cognito is only slow from here, raise " + names.timeoutVariable : failure.kind === "too-large" ? "the answer from " + failure.url + " is larger than " + failure.limit + " bytes, which no Cognito answer is: check " + names.endpointVariables + " point at Cognito" : "could not reach Cognito at " + failure.url + " (" + clip(failure.detail) + "): check " + names.endpointVariables + " and the network"), { retryable: failure.kind === "timeout" || failure.kind === "unreachable", identity });
      this.failure = failure;
    }
    /** The same failure, naming the settings of the identity whose call it was. */
    forIdentity(identity, names) {
      return new _TransportError(this.failure, names, identity);
    }
  };
  var TokenError = class _TokenError extends PmCognitoError {
    constructor(what, endpointVariable = "cognito_endpoint", identity = "") {
      super("TOKEN_INVALID", "The " + what + " from Cognito is not a readable JWT: check that " + endpointVariable + " points at Cognito", { identity, setting: endpointVariable });
      this.what = what;
    }
    /** The same error for the identity whose answer it was, naming its endpoint setting (`cognito_endpoint@admin`). */
    forIdentity(identity, endpointVariable) {
      return new _TokenError(this.what, endpointVariable, identity);
    }
  };
  var RepeatedRefusal = class extends PmCognitoError {
    constructor(earlierMessage, identity) {
      super("COGNITO_NOT_AUTHORIZED", earlierMessage + " [not tried again: this run already failed with the same settings]", { identity, permanent: true });
    }
  };
  var BackoffError = class extends PmCognitoError {
    constructor(message, identity) {
      super("COGNITO_THROTTLED", message, { identity });
    }
  };
  function withNote(error, note, facts = {}) {
    const noted = Object.create(Object.getPrototypeOf(error));
    Object.assign(noted, error, facts);
    for (const [name, value] of [["message", redact(error.message + " [" + note + "]")], ["stack", error.stack]]) {
      Object.defineProperty(noted, name, { value, writable: true, configurable: true, enumerable: false });
    }
    return noted;
  }
  var isPmCognitoError = (value) => {
    return value instanceof PmCognitoError || isRecord(value) && value["name"] === "PmCognitoError";
  };
  var describeError = (value) => {
    if (isPmCognitoError(value)) return redact(value.message);
    const text = value instanceof Error ? value.message : String(value);
    return "pm-cognito failed unexpectedly: " + clip(redact(text)) + ". Please report this with the steps that led to it.";
  };

  // src/core/process-variables.ts
  var processVariable = (variable) => {
    const at = variable.indexOf("@");
    return at === -1 ? variable.toUpperCase() : variable.slice(0, at).toUpperCase() + "__" + variable.slice(at + 1).toUpperCase();
  };

  // src/core/variable-references.ts
  var REFERENCE = /\{\{([^{}]*?)}}/g;
  var MAX_PASSES = 19;
  var resolveReferences = (text, get) => {
    let value = text;
    for (let pass = 0; pass < MAX_PASSES && value.includes("{{"); pass++) {
      const next = value.replace(REFERENCE, (whole, name) => {
        const found = get(name);
        return typeof found === "string" || typeof found === "number" || typeof found === "boolean" ? String(found) : whole;
      });
      if (next === value) break;
      value = next;
    }
    return value;
  };
  var resolvingLookup = (get) => {
    return (name) => {
      const value = get(name);
      return typeof value === "string" ? resolveReferences(value, get) : value;
    };
  };
  var vaultReference = (value) => typeof value === "string" ? /^\s*\{\{vault:([^{}]+)\}\}\s*$/.exec(value)?.[1] : void 0;
  var vaultProblem = (secret, variable, refusal) => {
    return "is {{vault:" + secret + "}}, a Postman Vault secret, " + (refusal === void 0 ? "which only the Postman app can read" : "and the vault refused it (" + refusal + "): in the Postman app, allow this collection to use vault secrets in scripts; outside the app") + ": pass the value as " + processVariable(variable) + '=<value> to pm-cognito run, or --env-var "' + variable + '=<value>" to newman or postman collection run';
  };

  // src/core/settings.ts
  var UNRESOLVED = /^\s*\{\{([^{}]+)\}\}\s*$/;
  var TRUE_WORDS = ["true", "1", "yes"];
  var BOOLEAN_WORDS = [...TRUE_WORDS, "false", "0", "no"];
  var isBlank = (value) => value === void 0 || value === null || String(value).trim() === "";
  var enumValue = (spec, text) => {
    const wanted = spec.normalise ? spec.normalise(text) : text;
    return spec.allowed?.find((allowed2) => allowed2 === wanted);
  };
  var byKind = (spec, text, ctx) => {
    let value = text;
    switch (spec.kind) {
      case "enum":
        value = enumValue(spec, text);
        if (value === void 0) return { problem: "is " + quote(text) + ", which is not one of " + spec.allowed.join(", ") + ": set one of those" };
        break;
      case "integer":
        if (!/^\d+$/.test(text) || Number(text) < spec.min || Number(text) > spec.max) {
          return { problem: "is " + quote(text) + ": set a whole number from " + spec.min + " to " + spec.max };
        }
        value = Number(text);
        break;
      case "boolean": {
        const word = text.toLowerCase();
        if (!BOOLEAN_WORDS.includes(word)) return { problem: "is " + quote(word) + ": set true or false" };
        value = TRUE_WORDS.includes(word);
        break;
      }
      case "json": {
        let parsed;
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = void 0;
        }
        if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed) || Object.values(parsed).some((v) => typeof v !== "string")) {
          return { problem: 'is not a JSON object of strings: set it like {"email":"qa@example.com"}' };
        }
        const strings = {};
        for (const [k, v] of Object.entries(parsed)) if (k !== "__proto__") strings[k] = v;
        value = strings;
        break;
      }
      default:
    }
    const problem = spec.maxLength !== void 0 && text.length > spec.maxLength ? "is longer than " + spec.maxLength + " characters, which Cognito does not allow: check the value" : spec.check?.(text, ctx);
    if (problem !== void 0) return { problem };
    return { value: spec.convert ? spec.convert(text) : value };
  };
  var tableVariables = (specs, lookup, identity) => {
    const name = (key) => {
      const own = withIdentity(specs[key].variable, identity);
      if (!identity || specs[key].perIdentity === true) return own;
      return isBlank(lookup(own)) ? specs[key].variable : own;
    };
    const raw = (key) => {
      const value = lookup(name(key));
      return value === void 0 || value === null ? void 0 : typeof value === "string" ? value : String(value);
    };
    return { name, raw };
  };
  var checkIdentityName = (identity) => {
    if (identity && !IDENTITY_NAME.test(identity)) {
      throw new SettingsError({ text: 'the identity name "' + identity + '" is not valid: use letters, digits, "_", "-" or "." (at most 64 characters)' });
    }
  };
  function readTable(specs, variables, ctx, skip = () => false) {
    const { name, raw } = variables;
    const problems = [];
    for (const key of Object.keys(specs)) {
      const spec = specs[key];
      const unset = () => spec.derive ? spec.derive(ctx) : spec.defaultValue !== void 0 ? byKind(spec, spec.defaultValue, ctx).value : void 0;
      const set = (value) => {
        ctx.values[key] = value;
      };
      if (skip(spec)) {
        set(unset());
        continue;
      }
      const text = raw(key);
      const reference = text === void 0 ? null : UNRESOLVED.exec(text);
      let problem;
      let present;
      if (reference) {
        const secret = vaultReference(text);
        problem = secret !== void 0 ? vaultProblem(secret, name(key)) : "refers to {{" + reference[1] + "}}, which is not set: set " + reference[1] + " or put the value in " + name(key) + " directly";
      } else if (text !== void 0 && text.trim() !== "") {
        if (isSecret(spec)) rememberSecrets([text, text.trim()]);
        if (isSecret(spec) && text !== text.trim()) problem = "starts or ends with whitespace, which Cognito does not allow: remove it";
        else present = isSecret(spec) ? text : text.trim();
      }
      if (present !== void 0) {
        const outcome = byKind(spec, present, ctx);
        if ("value" in outcome) {
          set(outcome.value);
          continue;
        }
        problem = outcome.problem;
      }
      const why = problem === void 0 ? spec.neededBecause?.(ctx) : void 0;
      if (why !== void 0) problem = "is not set: " + why;
      if (problem !== void 0) problems.push(name(key) + " " + problem);
      set(unset());
    }
    return problems;
  }
  var sharedKeys = (name, has) => {
    return Object.keys(SETTING_SPECS).filter((key) => SETTING_SPECS[key].perIdentity !== true && name(key) === SETTING_SPECS[key].variable && !(key === "clientSecret" && !has("clientSecret") && name("clientId") !== SETTING_SPECS.clientId.variable));
  };
  var readSettings = (lookup, identity = "") => {
    checkIdentityName(identity);
    const variables = tableVariables(SETTING_SPECS, lookup, identity);
    const { name, raw } = variables;
    const selector = (key) => {
      const spec = SETTING_SPECS[key];
      return enumValue(spec, raw(key)?.trim() || spec.defaultValue) ?? spec.allowed[0];
    };
    const values = { identity };
    const ctx = {
      flow: selector("authFlow"),
      challenge: selector("preferredChallenge"),
      values,
      has: (key) => !isBlank(raw(key)),
      name
    };
    const problems = readTable(SETTING_SPECS, variables, ctx, (spec) => spec.flows !== void 0 && !spec.flows.includes(ctx.flow));
    if (problems.length > 0) throw new SettingsError({ identity, problems });
    if (identity) values.shared = sharedKeys(name, ctx.has);
    assertEveryKey(SETTING_SPECS, values);
    return values;
  };
  function assertEveryKey(specs, values) {
    const missing = Object.keys(specs).filter((key) => !hasOwn(values, key));
    if (missing.length > 0) throw new Error("pm-cognito: internal error: readTable left " + missing.join(", ") + " unset");
  }

  // src/core/refusals.ts
  var NotAuthorized = class extends CognitoRefusal {
    constructor(text, facts = {}) {
      super("COGNITO_NOT_AUTHORIZED", text, facts);
    }
  };
  var CredentialsRefused = class extends NotAuthorized {
  };
  var UserBlocked = class extends NotAuthorized {
  };
  var RefreshTokenRefused = class extends NotAuthorized {
  };
  var AwsCredentialsRefused = class extends NotAuthorized {
  };
  var TransientRefusal = class extends NotAuthorized {
    constructor(text, facts = {}) {
      super(text, { ...facts, permanent: false });
    }
  };
  var FlowNotAllowed = class extends CognitoRefusal {
    constructor(text, facts = {}) {
      super("COGNITO_INVALID_PARAMETER", text, facts);
    }
  };
  var RetryableRefusal = class extends CognitoRefusal {
    constructor(code, text, facts = {}) {
      super(code, text, { ...facts, retryable: true });
    }
  };
  var Throttled = class extends RetryableRefusal {
    constructor(text, facts = {}) {
      super("COGNITO_THROTTLED", text, facts);
    }
  };

  // src/core/cognito-errors.ts
  var RETRYABLE_TYPES = /^(?:TooManyRequestsException|ThrottlingException|LimitExceededException|InternalErrorException|InternalFailure|ServiceUnavailable(?:Exception)?)$/;
  var isRetryableType = (type) => RETRYABLE_TYPES.test(type);
  var shortType = (type) => {
    const hash = type.lastIndexOf("#");
    const short = hash >= 0 ? type.slice(hash + 1) : type;
    const colon = short.indexOf(":");
    return colon >= 0 ? short.slice(0, colon) : short;
  };
  var isPermanentRefusal = (error) => error instanceof PmCognitoError && error.permanent;
  var WORDING = {
    missingSecret: /configured (?:for|with) (?:a )?secret but (?:the )?(?:secret|secret_hash|secret hash) was not received/i,
    unexpectedSecret: /not configured (?:for|with) (?:a )?secret/i,
    wrongSecret: /unable to verify secret hash|secret hash .*(?:invalid|mismatch)|invalid client secret/i,
    flowNotEnabled: /flow not enabled|not enabled for (?:this|the) client|auth method not supported|flow is not (?:enabled|supported|allowed)/i,
    refreshToken: /refresh token/i,
    riskBlocked: /security reasons/i,
    lockedOut: /attempts exceeded/i,
    unknownClient: /client .*does not exist|client .*not found|invalid client ?id/i,
    unknownPool: /user ?pool .*does not exist|user ?pool .*not found/i
  };
  var namedFlow = (message) => /\b(ADMIN_USER_PASSWORD_AUTH|ADMIN_NO_SRP_AUTH|USER_PASSWORD_AUTH|USER_SRP_AUTH|REFRESH_TOKEN_AUTH|REFRESH_TOKEN|CUSTOM_AUTH|USER_AUTH)\b/.exec(message)?.[1];
  var CLOCK = "this machine's clock";
  var LOCKOUTS = ' (README: "Threat protection and lockouts")';
  var cognitoError = (fault, settings, operation) => {
    const v = (key) => settingVariable(settings, key);
    const who = settings.authFlow === "CLIENT_CREDENTIALS" ? "app client " + settings.clientId : 'user "' + settings.username + '"';
    const make = (kind, text, facts = {}) => {
      const all = { identity: settings.identity, cognitoType: fault.type, cognitoMessage: fault.message, ...facts };
      return typeof kind === "string" ? new CognitoRefusal(kind, text, all) : new kind(text, all);
    };
    const refused = { fault, settings, operation, make, v, who };
    return secretOrFlowRefused(refused) ?? refusedByType(refused);
  };
  var secretOrFlowRefused = (r) => {
    const { fault, settings, make, v } = r;
    if (fault.type !== "NotAuthorizedException" && fault.type !== "InvalidParameterException") return void 0;
    const message = fault.message;
    const client = "app client " + settings.clientId;
    const secret = { setting: v("clientSecret") };
    if (WORDING.missingSecret.test(message)) {
      return make(CredentialsRefused, client + " has a client secret: set " + v("clientSecret") + " to it (Cognito console: App clients)", secret);
    }
    if (WORDING.unexpectedSecret.test(message)) {
      return make("COGNITO_INVALID_PARAMETER", client + " has no client secret: leave " + v("clientSecret") + " empty, or check " + v("clientId"), secret);
    }
    if (WORDING.wrongSecret.test(message)) {
      return make(CredentialsRefused, v("clientSecret") + " matches no secret of " + client + ": set it to a current one, or empty if the client has none", secret);
    }
    if (WORDING.flowNotEnabled.test(message)) return flowRefused(r);
    return void 0;
  };
  var signInRefused = ({ settings, make, v, who }) => {
    return make(CredentialsRefused, "Cognito refused the sign-in of " + who + ": check " + v("username") + ", " + v("password") + (settings.clientSecret ? ", " + v("clientSecret") : "") + " and that " + v("clientId") + " is a client of the user's pool", { setting: v("password") });
  };
  var notAuthorized = (r) => {
    const { make, v, who } = r;
    const message = r.fault.message;
    if (WORDING.refreshToken.test(message)) {
      return make(RefreshTokenRefused, "the cached refresh token of " + who + " was refused");
    }
    if (/disabled/i.test(message)) {
      return make(UserBlocked, who + " is disabled: enable it (aws cognito-idp admin-enable-user) or use another user");
    }
    if (WORDING.lockedOut.test(message)) {
      return make(UserBlocked, who + " is locked after failed sign-ins (longer each time): wait, then check " + v("password") + LOCKOUTS, { setting: v("password") });
    }
    if (WORDING.riskBlocked.test(message)) {
      return make(UserBlocked, "threat protection blocked " + who + " as risky: add the CI addresses to the pool's SkippedIPRangeList, or set it to audit only" + LOCKOUTS);
    }
    if (/session/i.test(message)) {
      return make(TransientRefusal, "the sign-in session of " + who + " expired: run again");
    }
    return signInRefused(r);
  };
  var resourceNotFound = ({ fault, settings, make, v }) => {
    const pool = settings.userPoolId;
    const where = " and that " + v("region") + " / " + v("endpoint") + " is where the pool lives";
    if (WORDING.unknownClient.test(fault.message)) {
      return make("COGNITO_RESOURCE_NOT_FOUND", "Cognito does not know the app client " + settings.clientId + (pool ? " in user pool " + pool : "") + ": check " + v("clientId") + (pool ? ", that it is a client of " + v("userPoolId") + "," : "") + where);
    }
    const unknownPool = WORDING.unknownPool.test(fault.message);
    return make("COGNITO_RESOURCE_NOT_FOUND", "Cognito does not know the " + (unknownPool ? "" : "app client or ") + "user pool: check " + (unknownPool ? "" : v("clientId") + ", ") + v("userPoolId") + where);
  };
  var refusedByType = (r) => {
    const { fault, settings, operation, make, v, who } = r;
    const code = "Cognito refused the MFA code of " + who + ": check " + v("totpSecret") + " and " + CLOCK;
    switch (fault.type) {
      case "NotAuthorizedException":
        return notAuthorized(r);
      case "RefreshTokenReuseException":
        return make(RefreshTokenRefused, "the cached refresh token of " + who + " was already used (the app client rotates them)");
      case "InvalidPasswordException":
        if (operation === "RespondToAuthChallenge") {
          return make("COGNITO_INVALID_PASSWORD", "Cognito refused the new password of " + who + ": set " + v("newPassword") + " to one the pool's password policy allows");
        }
        return signInRefused(r);
      case "UserNotFoundException":
        return make("COGNITO_USER_NOT_FOUND", "there is no " + who + " in the user pool: check " + v("username") + " and that " + v("clientId") + " is a client of the user's pool");
      case "ResourceNotFoundException":
        return resourceNotFound(r);
      case "InvalidParameterException":
        return make("COGNITO_INVALID_PARAMETER", "Cognito refused a parameter of the sign-in: check " + v("clientId") + ", " + v("authFlow") + " and " + v("username"));
      case "UserNotConfirmedException":
        return make("COGNITO_USER_NOT_CONFIRMED", who + " has not confirmed sign-up: confirm it (aws cognito-idp admin-confirm-sign-up) or use a confirmed user");
      case "PasswordResetRequiredException":
        return make("COGNITO_PASSWORD_RESET_REQUIRED", "Cognito requires a password reset for " + who + ": set a permanent one (aws cognito-idp admin-set-user-password --permanent), then update " + v("password"));
      case "CodeMismatchException":
        return make(CredentialsRefused, code, { setting: v("totpSecret") });
      case "ExpiredCodeException":
        return make(TransientRefusal, code, { setting: v("totpSecret") });
      case "InvalidUserPoolConfigurationException":
        return make(FlowNotAllowed, "the user pool is not set up for " + settings.authFlow + ": check the app client's authentication flows");
      default:
        if (isRetryableType(fault.type)) {
          return make(Throttled, "Cognito is throttling or failing: run again later, or sign in less often");
        }
        return make("COGNITO_UNKNOWN_ERROR", "Cognito refused " + operation + " for " + who + ": check the settings its message below points at", { permanent: false });
    }
  };
  var flowRefused = ({ fault, settings, operation, make, v }) => {
    const flow = namedFlow(fault.message) ?? settings.authFlow;
    if (/method not supported/i.test(fault.message)) {
      return make(FlowNotAllowed, operation + " does not accept " + settings.authFlow + ": check " + v("authFlow"));
    }
    if (flow === "REFRESH_TOKEN_AUTH" || flow === "REFRESH_TOKEN") {
      return make(FlowNotAllowed, "the app client does not allow REFRESH_TOKEN_AUTH (rotation is on, or ALLOW_REFRESH_TOKEN_AUTH is off)");
    }
    const allow = "ALLOW_" + (flow === "ADMIN_NO_SRP_AUTH" ? "ADMIN_USER_PASSWORD_AUTH" : flow === "ADMIN_USER_AUTH" ? "USER_AUTH" : flow);
    return make(FlowNotAllowed, "the app client does not allow " + flow + ": enable " + allow + " in its authentication flows, or set " + v("authFlow") + " to a flow it allows");
  };

  // src/core/backoff-memory.ts
  var RUN_BUDGET = 6;
  var FORGET_AFTER_MS = 6e4;
  var backoffVariable = (endpoint) => "pm_cognito_backoff " + endpoint;
  var recall = (host, endpoint) => {
    const parsed = safeJsonParse(host.store.get(backoffVariable(endpoint)) ?? "");
    if (!isRecord(parsed)) return void 0;
    const { until, count, last, message } = parsed;
    if (typeof until !== "number" || typeof count !== "number" || typeof last !== "number" || typeof message !== "string") return void 0;
    return host.now() - last > FORGET_AFTER_MS ? void 0 : { until, count, last, message };
  };
  var awaitTurn = async (host, endpoint, identity) => {
    const memory = recall(host, endpoint);
    if (memory === void 0) return;
    if (memory.count >= RUN_BUDGET) {
      throw new BackoffError("pm-cognito: no call made for identity " + (identity ? '"' + identity + '"' : "default") + ": this run backed off from " + endpoint + " after " + memory.count + " failed or throttled calls in a row, the last: " + memory.message.replace(/^pm-cognito: /, "") + ". Run again later, with fewer parallel runs", identity);
    }
    const wait = memory.until - host.now();
    if (wait > 0) await host.sleep(wait);
  };
  var recordFailure = (host, endpoint, delayMs, error) => {
    const count = (recall(host, endpoint)?.count ?? 0) + 1;
    const now = host.now();
    const memory = { until: now + delayMs, count, last: now, message: error.message };
    host.store.set(backoffVariable(endpoint), JSON.stringify(memory));
    if (count === RUN_BUDGET) host.log("pm-cognito: " + endpoint + " failed or throttled " + count + " calls in a row (identity " + (error.identity || "default") + "): this run backs off and makes no more calls to it; run again later");
    return count;
  };
  var recordSuccess = (host, endpoint) => {
    if (host.store.get(backoffVariable(endpoint))) host.store.set(backoffVariable(endpoint), "");
  };

  // src/core/endpoint-check.ts
  var AWS_COGNITO_HOST = /^(?:[a-z0-9-]+\.)*cognito-(?:idp|identity)(?:-fips)?\.(?:dualstack\.)?[a-z0-9-]+\.(?:vpce\.)?(?:amazonaws\.com(?:\.cn)?|api\.aws)$/;
  var LOOPBACK_HOST = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])$/;
  var schemeAndHost = (url) => {
    const match = /^(https?):\/\/(\[[0-9a-f:.]+\]|[^/:?#\s]+)/i.exec(url);
    return match ? { scheme: match[1].toLowerCase(), host: match[2].toLowerCase() } : void 0;
  };
  var allowed = (host, allow) => (allow ?? "").toLowerCase().split(/[\s,]+/).some((name) => name !== "" && (name === host || "[" + name + "]" === host));
  var checkEndpoint = (endpoint, allow, variable, identity) => {
    const parsed = schemeAndHost(endpoint);
    if (parsed === void 0 || LOOPBACK_HOST.test(parsed.host) || allowed(parsed.host, allow)) return void 0;
    const problem = parsed.scheme === "http" ? ": plain http to another machine would send the password in clear text. Use https, or " : !AWS_COGNITO_HOST.test(parsed.host) ? ", which is neither AWS Cognito nor this machine and would get the password: leave it empty to use the region, or " : void 0;
    if (problem !== void 0) {
      return new SettingsError({ identity, setting: variable, text: variable + " is " + endpoint + problem + "if " + parsed.host + " is yours, name it in " + SETTING_SPECS.allowEndpoint.variable });
    }
    return void 0;
  };

  // src/core/cognito-client.ts
  var COGNITO_CONTENT_TYPE = "application/x-amz-json-1.1";
  var DEFAULT_RETRY = { attempts: 4, baseDelayMs: 250, maxDelayMs: 4e3 };
  var callCognito = async (host, settings, operation, payload, options = {}) => {
    rememberSecrets([settings.password, settings.newPassword, settings.clientSecret, settings.totpSecret, settings.awsSecretAccessKey, settings.awsSessionToken]);
    return callAwsJson(host, {
      endpoint: settings.endpoint,
      endpointVariable: variableName("endpoint", settings.identity),
      allowEndpoint: settings.allowEndpoint,
      identity: settings.identity,
      targetPrefix: "AWSCognitoIdentityProviderService.",
      timeoutMs: settings.timeoutMs,
      debug: settings.debug,
      endpointVariables: endpointVariables(settings),
      timeoutVariable: variableName("timeoutMs", settings.identity),
      fault: (fault, op) => options.refused?.(fault, op) ?? cognitoError(fault, settings, op)
    }, operation, payload, options);
  };
  var callAwsJson = async (host, service, operation, payload, options = {}) => {
    const refused = checkEndpoint(service.endpoint, service.allowEndpoint, service.endpointVariable, service.identity);
    if (refused) throw refused;
    const body = JSON.stringify(payload);
    return withRetries(host, options.retry ?? DEFAULT_RETRY, service, operation, async () => {
      let request = {
        url: service.endpoint,
        method: "POST",
        headers: {
          "Content-Type": COGNITO_CONTENT_TYPE,
          "X-Amz-Target": service.targetPrefix + operation
        },
        body
      };
      if (options.sign) request = options.sign(request);
      const response = await host.transport(request, service.timeoutMs).catch((error) => {
        throw error instanceof TransportError ? error.forIdentity(service.identity, service) : error;
      });
      const parsed = safeJsonParse(response.body);
      if (response.status >= 200 && response.status < 300) {
        if (!isRecord(parsed)) throw serviceBadResponse(service, operation, response.status, response.body);
        return parsed;
      }
      if (isRecord(parsed) && (typeof parsed["__type"] === "string" || typeof parsed["code"] === "string")) {
        const type = shortType(String(parsed["__type"] ?? parsed["code"]));
        const message = clip(typeof parsed["message"] === "string" ? parsed["message"] : typeof parsed["Message"] === "string" ? parsed["Message"] : "");
        throw service.fault({ type, message }, operation);
      }
      throw serviceBadResponse(service, operation, response.status, response.body, response.status >= 500 || response.status === 429);
    }, { endpoint: service.endpoint, identity: service.identity });
  };
  var describeBody = (body) => {
    const text = body.trim();
    if (text === "") return "an empty body";
    if (text.startsWith("<")) return "an HTML page";
    if ((text.startsWith("{") || text.startsWith("[")) && safeJsonParse(text) === void 0) return "cut-off or malformed JSON";
    return "an answer of an unknown shape";
  };
  var endpointVariables = (settings) => variableName("endpoint", settings.identity) + " / " + variableName("region", settings.identity);
  var badResponse = (settings, operation, status, body) => serviceBadResponse({ endpoint: settings.endpoint, endpointVariables: endpointVariables(settings), identity: settings.identity }, operation, status, body);
  var serviceBadResponse = (service, operation, status, body, gateway = false) => {
    return new BadResponseError(gateway ? "COGNITO_UNREACHABLE" : "COGNITO_BAD_RESPONSE", operation + " got HTTP " + status + " with " + describeBody(body) + " from " + service.endpoint + ", which is not Cognito's answer: check " + service.endpointVariables + (gateway ? " point at Cognito and that it is reachable, or run again later" : ""), { retryable: gateway, identity: service.identity });
  };
  var withRetries = async (host, policy, settings, operation, attempt, backoff) => {
    for (let i = 1; ; i++) {
      if (backoff) await awaitTurn(host, backoff.endpoint, backoff.identity);
      try {
        const result = await attempt();
        if (backoff) recordSuccess(host, backoff.endpoint);
        return result;
      } catch (error) {
        const retryable = error instanceof PmCognitoError ? error.retryable : false;
        if (!retryable) {
          if (backoff) recordSuccess(host, backoff.endpoint);
          throw error;
        }
        const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (i - 1));
        const jitter = host.randomBytes(2);
        const delay = Math.round(cap * ((jitter[0] * 256 + jitter[1]) / 65535));
        if (backoff) recordFailure(host, backoff.endpoint, delay, error);
        if (i >= policy.attempts) {
          throw i > 1 ? withNote(error, "gave up after " + i + " attempts") : error;
        }
        if (settings.debug) host.log("pm-cognito: " + operation + " attempt " + i + " failed (" + error.code + "), retrying in " + delay + " ms");
        if (!backoff) await host.sleep(delay);
      }
    }
  };

  // src/core/bytes.ts
  var utf8Encode = (text) => Uint8Array.from(unescape(encodeURIComponent(text.replace(/\p{Cs}/gu, "\uFFFD"))), (char) => char.charCodeAt(0));
  var utf8Decode = (bytes) => {
    let latin1 = "";
    for (let i = 0; i < bytes.length; i += 8192) latin1 += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192));
    try {
      return decodeURIComponent(escape(latin1));
    } catch {
      return latin1;
    }
  };
  var B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_";
  var base64Encode = (bytes) => {
    let out = "";
    for (let i = 0; i < bytes.length; i += 3) {
      const n = bytes[i] << 16 | (bytes[i + 1] ?? 0) << 8 | (bytes[i + 2] ?? 0);
      out += B64[n >> 18 & 63] + B64[n >> 12 & 63] + B64[n >> 6 & 63] + B64[n & 63];
    }
    const padding = (3 - bytes.length % 3) % 3;
    return out.slice(0, out.length - padding) + "=".repeat(padding);
  };
  var B64_VALUES = new Int8Array(128).fill(-1);
  for (let i = 0; i < 66; i++) B64_VALUES[B64.charCodeAt(i)] = i < 64 ? i : i - 2;
  var base64Decode = (text) => {
    let end = text.length;
    while (text[end - 1] === "=") end--;
    if (end % 4 === 1) return void 0;
    const out = new Uint8Array(end * 3 >> 2);
    for (let i = 0, buffer = 0, bits = 0, n = 0; i < end; i++) {
      const value = B64_VALUES[text.charCodeAt(i)];
      if (!(value >= 0)) return void 0;
      buffer = buffer << 6 | value;
      if ((bits += 6) >= 8) out[n++] = buffer >> (bits -= 8);
    }
    return out;
  };
  var hexEncode = (bytes) => {
    let out = "";
    for (const b of bytes) out += (b < 16 ? "0" : "") + b.toString(16);
    return out;
  };
  var hexDecode = (hex) => {
    const clean = hex.length % 2 === 1 ? "0" + hex : hex;
    const out = new Uint8Array(clean.length / 2);
    for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.substr(i * 2, 2), 16);
    return out;
  };
  var concatBytes = (...parts) => {
    let length = 0;
    for (const p of parts) length += p.length;
    const out = new Uint8Array(length);
    let offset = 0;
    for (const p of parts) {
      out.set(p, offset);
      offset += p.length;
    }
    return out;
  };

  // src/core/jwt-claims.ts
  var readJwtClaims = (token) => {
    const parts = token.split(".");
    const payload = parts.length === 3 ? base64Decode(parts[1]) : void 0;
    const claims = payload === void 0 ? void 0 : safeJsonParse(utf8Decode(payload));
    return isRecord(claims) ? claims : void 0;
  };
  var decodeJwtClaims = (token, what = "token") => {
    const claims = readJwtClaims(token);
    if (claims === void 0) throw new TokenError(what);
    return claims;
  };
  var numericClaim = (claims, name) => {
    const value = claims[name];
    return Number.isFinite(value) ? value : void 0;
  };
  var stringClaim = (claims, name) => {
    const value = claims[name];
    return typeof value === "string" ? value : void 0;
  };

  // src/postman/crypto-js-hash.ts
  var loaded;
  var cryptoJs = () => loaded ?? (loaded = pmCognitoCryptoJs());
  var toWords = (input) => cryptoJs().enc.Hex.parse(hexEncode(typeof input === "string" ? utf8Encode(input) : input));
  var toBytes = (value) => hexDecode(cryptoJs().enc.Hex.stringify(value));
  var sha256 = (input) => toBytes(cryptoJs().SHA256(toWords(input)));
  var hmacSha256 = (key, message) => toBytes(cryptoJs().HmacSHA256(toWords(message), toWords(key)));
  var hmacSha1 = (key, message) => toBytes(cryptoJs().HmacSHA1(toWords(message), toWords(key)));

  // src/core/secret-hash.ts
  var secretHash = (username, clientId, clientSecret) => base64Encode(hmacSha256(clientSecret, username + clientId));
  var withSecretHash = (settings, params, username) => {
    if (settings.clientSecret !== void 0) params["SECRET_HASH"] = secretHash(username, settings.clientId, settings.clientSecret);
    return params;
  };

  // src/core/transport.ts
  var MAX_ANSWER_BYTES = 1048576;
  var ANSWER_CUT_CODE = "EPMCOGNITO_ANSWER_TOO_LARGE";
  var debugLog = (host, settings, text) => {
    if (settings.debug) host.log("pm-cognito" + (settings.identity ? " [" + settings.identity + "]" : "") + ": " + text);
  };

  // src/core/sign-in/auth-result.ts
  var isJwt = (value) => typeof value === "string" && value.split(".").length === 3;
  var parseAuthenticationResult = (value, settings, operation, needRefresh) => {
    if (!isRecord(value)) throw badResponse(settings, operation, 200, "no AuthenticationResult");
    const { IdToken, AccessToken, RefreshToken, ExpiresIn } = value;
    const ok = isJwt(IdToken) && isJwt(AccessToken) && (RefreshToken === void 0 || typeof RefreshToken === "string") && (!needRefresh || typeof RefreshToken === "string") && (ExpiresIn === void 0 || typeof ExpiresIn === "number");
    if (!ok) {
      throw new BadResponseError("COGNITO_BAD_RESPONSE", operation + " returned an AuthenticationResult without the expected tokens: check " + variableName("endpoint", settings.identity) + " points at Cognito", { identity: settings.identity });
    }
    return {
      idToken: IdToken,
      accessToken: AccessToken,
      refreshToken: RefreshToken,
      expiresIn: ExpiresIn
    };
  };

  // src/core/sign-in/refresh-flow.ts
  var FIRST_REFRESH_API = "GetTokensFromRefreshToken";
  var NOT_OFFERED = /* @__PURE__ */ new Set(["UnknownOperationException", "Unsupported", "UnsupportedOperationException", "InvalidAction", "UnknownOperation"]);
  var notOffered = (error) => error instanceof PmCognitoError && error.cognitoType !== void 0 && NOT_OFFERED.has(error.cognitoType);
  var refreshFlowRefused = (error) => {
    return error instanceof PmCognitoError && (error.cognitoType === "InvalidParameterException" || error.cognitoType === "NotAuthorizedException") && /REFRESH_TOKEN|rotation/.test(error.cognitoMessage ?? "");
  };
  var refresh = async (host, settings, tokens, learn) => {
    const first = tokens.refreshWith ?? FIRST_REFRESH_API;
    try {
      return await refreshWith(host, settings, tokens, first);
    } catch (error) {
      const other = first === "GetTokensFromRefreshToken" ? "REFRESH_TOKEN_AUTH" : "GetTokensFromRefreshToken";
      const switchApi = first === "GetTokensFromRefreshToken" ? notOffered(error) : refreshFlowRefused(error) || notOffered(error);
      if (!switchApi) throw error;
      debugLog(host, settings, first + " is not available for this app client, refreshing with " + other);
      learn?.(other);
      return refreshWith(host, settings, tokens, other);
    }
  };
  var refreshWith = async (host, settings, tokens, api) => {
    const refreshToken = tokens.refreshToken ?? "";
    if (api === "GetTokensFromRefreshToken") {
      const request = { ClientId: settings.clientId, RefreshToken: refreshToken };
      if (settings.clientSecret !== void 0) request["ClientSecret"] = settings.clientSecret;
      const response2 = await callCognito(host, settings, "GetTokensFromRefreshToken", request, { retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 } });
      return { result: parseAuthenticationResult(response2["AuthenticationResult"], settings, "GetTokensFromRefreshToken", false), refreshWith: api };
    }
    const params = { REFRESH_TOKEN: refreshToken };
    if (settings.clientSecret !== void 0) {
      const claims = decodeJwtClaims(tokens.accessToken);
      const username = stringClaim(claims, "username") ?? stringClaim(claims, "sub") ?? settings.username;
      withSecretHash(settings, params, username);
    }
    const response = await callCognito(host, settings, "InitiateAuth", { AuthFlow: "REFRESH_TOKEN_AUTH", ClientId: settings.clientId, AuthParameters: params });
    return { result: parseAuthenticationResult(response["AuthenticationResult"], settings, "InitiateAuth (refresh)", false), refreshWith: api };
  };

  // src/core/aws-credential-errors.ts
  var AWS_CREDENTIAL_TYPES = /^(?:UnrecognizedClientException|InvalidSignatureException|SignatureDoesNotMatch|IncompleteSignature(?:Exception)?|MissingAuthenticationToken(?:Exception)?|ExpiredTokenException|InvalidClientTokenId)$/;
  function awsCredentialsRefused(fault, settings, operation) {
    const v = (key) => settingVariable(settings, key);
    const facts = { identity: settings.identity, cognitoType: fault.type, cognitoMessage: fault.message, setting: v("awsAccessKeyId") };
    if (AWS_CREDENTIAL_TYPES.test(fault.type)) {
      return new AwsCredentialsRefused("AWS refused the credentials signing " + operation + ": check " + v("awsAccessKeyId") + ", " + v("awsSecretAccessKey") + ", " + v("awsSessionToken") + " (temporary ones expire) and this machine's clock", facts);
    }
    if (fault.type === "AccessDeniedException") {
      return new AwsCredentialsRefused("the AWS credentials in " + v("awsAccessKeyId") + " may not call cognito-idp:" + operation + ": allow it in their IAM policy", facts);
    }
    return void 0;
  }

  // src/core/sigv4.ts
  function parseHttpUrl(url) {
    const match = /^(https?):\/\/([^/?#@\s]+)([^?#\s]*)(?:\?([^#\s]*))?(?:#\S*)?$/i.exec(url.trim());
    const authority = match === null ? null : /^([a-z0-9.-]+|\[[0-9a-f:.]+\])(?::(\d{1,5}))?$/i.exec(match[2]);
    if (match === null || authority === null) {
      throw new SettingsError({ text: 'The endpoint "' + url + '" is not an http(s) URL: expected something like https://cognito-idp.us-east-1.amazonaws.com/' });
    }
    const scheme = match[1].toLowerCase() === "https" ? "https" : "http";
    const port = authority[2];
    const defaultPort = scheme === "https" ? "443" : "80";
    const hostname = authority[1].toLowerCase();
    return {
      scheme,
      host: port === void 0 || port === defaultPort ? hostname : hostname + ":" + port,
      path: match[3] === "" ? "/" : match[3],
      query: match[4] ?? ""
    };
  }
  var UNSIGNED_HEADERS = [
    "authorization",
    "cache-control",
    "connection",
    "expect",
    "from",
    "keep-alive",
    "max-forwards",
    "pragma",
    "referer",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "user-agent",
    "x-amzn-trace-id"
  ];
  var GENERATED_HEADERS = ["authorization", "x-amz-date", "date", "x-amz-security-token", "x-amz-content-sha256"];
  function escapeUri(text) {
    return encodeURIComponent(text).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
  }
  function canonicalPath(path) {
    const segments = [];
    for (const segment of path.split("/")) {
      if (segment === "" || segment === ".") continue;
      if (segment === "..") segments.pop();
      else segments.push(segment);
    }
    const normalized = "/" + segments.join("/") + (segments.length > 0 && path.charAt(path.length - 1) === "/" ? "/" : "");
    return escapeUri(normalized).replace(/%2F/g, "/");
  }
  function decodeQueryPart(text) {
    try {
      return decodeURIComponent(text.replace(/\+/g, " "));
    } catch {
      return text;
    }
  }
  function canonicalQuery(query) {
    const pairs = [];
    for (const part of query.split("&")) {
      if (part === "") continue;
      const eq = part.indexOf("=");
      const key = eq < 0 ? part : part.slice(0, eq);
      const value = eq < 0 ? "" : part.slice(eq + 1);
      pairs.push([escapeUri(decodeQueryPart(key)), escapeUri(decodeQueryPart(value))]);
    }
    pairs.sort((x, y) => x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0);
    return pairs.map((p) => p[0] + "=" + p[1]).join("&");
  }
  function canonicalHeaderValue(value) {
    return value.replace(/[\r\n]/g, " ").replace(/[ \t]+/g, " ").replace(/^ | $/g, "");
  }
  function isoBasic(nowMs) {
    const date = new Date(nowMs);
    if (isNaN(date.getTime())) throw new RangeError("signRequest: nowMs is not a valid time: " + nowMs);
    return date.toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, "");
  }
  function signRequest(input) {
    const url = parseHttpUrl(input.url);
    const amzDate = isoBasic(input.nowMs);
    const shortDate = amzDate.slice(0, 8);
    const payloadHash = hexEncode(sha256(input.body));
    const added = { "X-Amz-Date": amzDate };
    if (input.sessionToken) added["X-Amz-Security-Token"] = input.sessionToken;
    added["X-Amz-Content-Sha256"] = payloadHash;
    const canonical = { host: url.host };
    for (const name of Object.keys(input.headers)) {
      const lower = name.toLowerCase();
      if (UNSIGNED_HEADERS.indexOf(lower) >= 0 || GENERATED_HEADERS.indexOf(lower) >= 0) continue;
      if (/^(proxy-|sec-)/.test(lower) || lower === "__proto__") continue;
      canonical[lower] = canonicalHeaderValue(input.headers[name]);
    }
    for (const name of Object.keys(added)) canonical[name.toLowerCase()] = added[name];
    const names = Object.keys(canonical).sort();
    const signedHeaders = names.join(";");
    const canonicalRequest = [
      input.method.toUpperCase(),
      canonicalPath(url.path),
      canonicalQuery(url.query),
      names.map((name) => name + ":" + canonical[name]).join("\n") + "\n",
      signedHeaders,
      payloadHash
    ].join("\n");
    const scope = shortDate + "/" + input.region + "/" + input.service + "/aws4_request";
    const stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope, hexEncode(sha256(canonicalRequest))].join("\n");
    let key = hmacSha256("AWS4" + input.secretAccessKey, shortDate);
    key = hmacSha256(key, input.region);
    key = hmacSha256(key, input.service);
    key = hmacSha256(key, "aws4_request");
    const signature = hexEncode(hmacSha256(key, stringToSign));
    added["Authorization"] = "AWS4-HMAC-SHA256 Credential=" + input.accessKeyId + "/" + scope + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature;
    return added;
  }

  // src/core/sign-in/admin-signer.ts
  function adminSigner(host, settings) {
    const sign = (request) => {
      const added = signRequest({
        method: request.method,
        url: request.url,
        headers: request.headers,
        body: request.body,
        region: settings.region ?? "",
        service: "cognito-idp",
        accessKeyId: settings.awsAccessKeyId ?? "",
        secretAccessKey: settings.awsSecretAccessKey ?? "",
        sessionToken: settings.awsSessionToken,
        nowMs: host.now()
      });
      return { ...request, headers: { ...request.headers, ...added } };
    };
    return { sign, refused: (fault, operation) => awsCredentialsRefused(fault, settings, operation) };
  }

  // src/core/srp.ts
  var SRP_N = bytesToBigInt(base64Decode(
    "///////////JD9qiIWjCNMTGYouA3BzRKQJOCIpnzHQCC76mOxObIlFKCHmONATd75UZs806QxswKwpt8l8UN0/hNW1tUcJF5IW1dmJefsb0TELppjftawv/XLb0Brft7jhr+1qJn6WunyQRfEsf5kkoZlHs5Fs9wgB8uKFjvwWY2kg2HFXTmmkWP6j9JM9fg2VdI9yjrZYcYvNWIIVSu57VKQdwlpZtZww1Tkq8mATxdGwIyhghfDKQXkYuNs474553LBgOhgObJ4Oi7Aeij7XFXfBvTFLJ3ivL9pVYFxg5lUl86pVq5RXSJhiY+gUQFXKOWoqqxC2tMxcNBFB6M6hVIavfHLpk7PuFBFjb7wqK6nFXXQYMfbOXD4Wm4eTHq/WujNsJM9cejJTgSiVhnc7j0iYa0u5r8S/6BtmKCGTYdgJzPshqZFIfKxgXeyAMu+EXV3phXWx3CYjAutlG4gjiT6B05asxQ9tb/OD9EI5LgtEgqTrSyv//////////"
  ));
  var SRP_G = BigInt(2);
  var SRP_RANDOM_BYTES = 128;
  var SRP_MIN_RANDOM_BYTES = 32;
  var ZERO = BigInt(0);
  var ONE = BigInt(1);
  var padHex = (value) => {
    if (value < ZERO) throw new RangeError("padHex: negative");
    let hex = value.toString(16);
    if (hex.length % 2 === 1) hex = "0" + hex;
    if ("89abcdef".indexOf(hex.charAt(0)) >= 0) hex = "00" + hex;
    return hex;
  };
  var hashHexToBigInt = (hex) => bytesToBigInt(sha256(hexDecode(hex)));
  function bytesToBigInt(bytes) {
    return bytes.length === 0 ? ZERO : BigInt("0x" + hexEncode(bytes));
  }
  var srpMultiplier = () => hashHexToBigInt(padHex(SRP_N) + padHex(SRP_G));
  var modPow = (base, exponent, modulus) => {
    if (modulus <= ZERO || exponent < ZERO) throw new RangeError("modPow: modulus <= 0 or exponent < 0");
    if (modulus === ONE) return ZERO;
    let b = base % modulus;
    if (b < ZERO) b += modulus;
    const powers = [ONE];
    for (let i = 1; i < 16; i++) powers.push(powers[i - 1] * b % modulus);
    let result = ONE;
    for (const digit of exponent.toString(16)) {
      for (let i = 0; i < 4; i++) result = result * result % modulus;
      result = result * powers[parseInt(digit, 16)] % modulus;
    }
    return result;
  };
  var srpSmallA = (randomBytes2) => {
    if (randomBytes2.length < SRP_MIN_RANDOM_BYTES) {
      throw new RangeError("srpSmallA: " + randomBytes2.length + " random bytes, fewer than " + SRP_MIN_RANDOM_BYTES);
    }
    const a = bytesToBigInt(randomBytes2) % SRP_N;
    if (a === ZERO) throw new RangeError("srpSmallA: a is 0; draw again");
    return a;
  };
  var srpLargeA = (a) => {
    if (a <= ZERO) throw new RangeError("srpLargeA: a <= 0");
    const A = modPow(SRP_G, a, SRP_N);
    if (A % SRP_N === ZERO) throw new RangeError("srpLargeA: A mod N is 0; draw again");
    return A;
  };
  var srpKeys = (randomBytes2) => {
    const a = srpSmallA(randomBytes2);
    return { a, A: srpLargeA(a) };
  };
  var drawSrpKeys = (host) => srpKeys(host.randomBytes(SRP_RANDOM_BYTES));
  var cognitoTimestamp = (ms) => {
    const d = new Date(ms);
    if (isNaN(d.getTime())) throw new RangeError("cognitoTimestamp: invalid time " + ms);
    const [weekday, day, month, year, time] = d.toUTCString().split(" ");
    return weekday.slice(0, 3) + " " + month + " " + Number(day) + " " + time + " UTC " + year;
  };
  var NOT_COGNITO = "; check that the endpoint is Amazon Cognito";
  var MUST_REFUSE = ", which SRP must refuse; sign in again";
  var verifierError = (text) => new BadResponseError("COGNITO_BAD_RESPONSE", "Cognito's PASSWORD_VERIFIER challenge " + text);
  var challengeHex = (name, value) => {
    if (!/^[0-9a-fA-F]+$/.test(value)) {
      throw verifierError("has a " + name + " that is not a hex number" + NOT_COGNITO);
    }
    return BigInt("0x" + value);
  };
  var passwordAuthenticationKey = (input) => {
    const B = challengeHex("SRP_B", input.srpB);
    const salt = challengeHex("SALT", input.salt);
    if (B % SRP_N === ZERO) {
      throw verifierError("has an SRP_B that is 0 mod N" + MUST_REFUSE);
    }
    const u = hashHexToBigInt(padHex(input.A) + padHex(B));
    if (u === ZERO) {
      throw verifierError("gives an SRP scrambler u of 0" + MUST_REFUSE);
    }
    const identityHash = sha256(input.poolName + input.userIdForSrp + ":" + input.password);
    const x = bytesToBigInt(sha256(concatBytes(hexDecode(padHex(salt)), identityHash)));
    const S = modPow(B - srpMultiplier() * modPow(SRP_G, x, SRP_N), input.a + u * x, SRP_N);
    const prk = hmacSha256(hexDecode(padHex(u)), hexDecode(padHex(S)));
    return hmacSha256(prk, concatBytes(utf8Encode("Caldera Derived Key"), Uint8Array.of(1))).subarray(0, 16);
  };
  var passwordClaimSignature = (input) => {
    const secretBlock = base64Decode(input.secretBlock);
    if (secretBlock === void 0) {
      throw verifierError("has a SECRET_BLOCK that is not base64" + NOT_COGNITO);
    }
    const key = passwordAuthenticationKey(input);
    const message = concatBytes(
      utf8Encode(input.poolName),
      utf8Encode(input.userIdForSrp),
      secretBlock,
      utf8Encode(input.timestamp)
    );
    return base64Encode(hmacSha256(key, message));
  };

  // src/core/totp.ts
  var base32Decode = (secret, setting = "cognito_totp_secret") => {
    const problem = base32Problem(secret);
    if (problem !== void 0) throw new SettingsError({ setting, text: setting + " " + problem });
    const clean = cleanBase32(secret);
    const out = new Uint8Array(Math.floor(clean.length * 5 / 8));
    let buffer = 0;
    let bits = 0;
    let index = 0;
    for (let i = 0; i < clean.length; i++) {
      buffer = (buffer << 5 | BASE32_ALPHABET.indexOf(clean.charAt(i))) & 65535;
      bits += 5;
      if (bits >= 8) {
        bits -= 8;
        out[index++] = buffer >>> bits & 255;
      }
    }
    return out;
  };
  var totp = (secret, unixTimeMs, options = {}) => {
    const digits = options.digits ?? 6;
    const stepSeconds = options.stepSeconds ?? 30;
    if (!(Number.isInteger(digits) && digits >= 6 && digits <= 8 && Number.isInteger(stepSeconds) && stepSeconds > 0 && unixTimeMs >= 0 && unixTimeMs < Infinity)) {
      throw new RangeError("totp: digits " + digits + " (6-8), stepSeconds " + stepSeconds + " (> 0) or unixTimeMs " + unixTimeMs + " (>= 0)");
    }
    const counter = Math.floor(Math.floor(unixTimeMs / 1e3) / stepSeconds);
    const message = new Uint8Array(8);
    for (let i = 7, rest = counter; i >= 0; i--, rest = Math.floor(rest / 256)) message[i] = rest % 256;
    const mac = hmacSha1(secret, message);
    const offset = mac[19] & 15;
    const binary = (mac[offset] & 127) << 24 | mac[offset + 1] << 16 | mac[offset + 2] << 8 | mac[offset + 3];
    const code = String(binary % Math.pow(10, digits));
    return "00000000".slice(0, digits - code.length) + code;
  };

  // src/core/sign-in/challenges.ts
  var MAX_CHALLENGES = 5;
  var NO_SCRIPT_SMS = "a script cannot read an SMS code. ";
  var DEVICE = "Cognito wants a remembered device. Turn device tracking off for the user or the pool";
  var USE_PASSWORD = "Give the user a password and allow PASSWORD in the pool's sign-in options";
  var WHY_NOT = {
    SMS_MFA: () => NO_SCRIPT_SMS + "Give the user TOTP MFA, or none",
    EMAIL_OTP: () => "a script cannot read an email code. " + USE_PASSWORD,
    SMS_OTP: () => NO_SCRIPT_SMS + USE_PASSWORD,
    WEB_AUTHN: () => "a passkey needs a person at a device. " + USE_PASSWORD,
    MFA_SETUP: (v) => "the pool requires MFA and the user has none. Set up TOTP for it once (associate-software-token) and put its secret in " + v("totpSecret"),
    SELECT_MFA_TYPE: () => "the user has several MFA methods. Make TOTP preferred (aws cognito-idp admin-set-user-mfa-preference)",
    CUSTOM_CHALLENGE: () => "the pool's custom auth Lambda asks what only your app can answer. Use a user or app client without it",
    DEVICE_SRP_AUTH: () => DEVICE,
    DEVICE_PASSWORD_VERIFIER: () => DEVICE,
    ADMIN_NO_SRP_AUTH: () => "it belongs to another flow"
  };
  var userOf = (settings) => 'user "' + settings.username + '"';
  var cannot = (settings, text) => new ChallengeError("COGNITO_CHALLENGE_UNSUPPORTED", text, { identity: settings.identity });
  var needs = (settings, setting, text) => new ChallengeError("COGNITO_CHALLENGE_NEEDS_SETTING", text, { identity: settings.identity, setting });
  var whyNot = (name, v) => WHY_NOT[name]?.(v);
  var selectChallenge = ({ host, settings, state, response, v }, answers) => {
    const offered = Array.isArray(response["AvailableChallenges"]) ? response["AvailableChallenges"].filter((c) => typeof c === "string") : [];
    const other = settings.preferredChallenge === "PASSWORD" ? "PASSWORD_SRP" : "PASSWORD";
    const choice = [settings.preferredChallenge, other].find((c) => offered.includes(c));
    if (choice === void 0) {
      const reasons = offered.map((c) => c + ": " + (whyNot(c, v) ?? "pm-cognito cannot answer it"));
      throw cannot(settings, userOf(settings) + " can only sign in with " + (offered.length > 0 ? offered.join(", ") : "no first factor Cognito named") + ", which cannot be automated (" + reasons.join("; ") + "). " + USE_PASSWORD + ", then " + v("authFlow") + " USER_AUTH works; or use another flow.");
    }
    answers["ANSWER"] = choice;
    if (choice === "PASSWORD") {
      answers["PASSWORD"] = state.password;
      return;
    }
    if (settings.userPoolId === void 0) {
      throw new SettingsError({ identity: settings.identity, setting: v("userPoolId"), text: "Cognito offers " + userOf(settings) + " only PASSWORD_SRP, which needs the user pool id: set " + v("userPoolId") });
    }
    state.srp = drawSrpKeys(host);
    answers["SRP_A"] = state.srp.A.toString(16);
  };
  var passwordVerifier = ({ host, settings, state, params, username, operation }, answers) => {
    const srp = state.srp;
    if (srp === void 0 || settings.userPoolId === void 0) throw badResponse(settings, operation, 200, "an unexpected PASSWORD_VERIFIER challenge");
    const { SALT, SRP_B, SECRET_BLOCK } = params;
    if (SALT === void 0 || SRP_B === void 0 || SECRET_BLOCK === void 0) throw badResponse(settings, operation, 200, "an incomplete PASSWORD_VERIFIER challenge");
    const timestamp = cognitoTimestamp(host.now());
    answers["PASSWORD_CLAIM_SECRET_BLOCK"] = SECRET_BLOCK;
    answers["TIMESTAMP"] = timestamp;
    answers["PASSWORD_CLAIM_SIGNATURE"] = passwordClaimSignature({
      poolName: settings.userPoolId.slice(settings.userPoolId.indexOf("_") + 1),
      userIdForSrp: username,
      password: state.password,
      a: srp.a,
      A: srp.A,
      srpB: SRP_B,
      salt: SALT,
      secretBlock: SECRET_BLOCK,
      timestamp
    });
  };
  var newPasswordRequired = ({ settings, params, v }, answers) => {
    if (settings.newPassword === void 0) {
      throw needs(settings, v("newPassword"), userOf(settings) + " has a temporary password (NEW_PASSWORD_REQUIRED): set " + v("newPassword") + " to the permanent one to give it, or give one with aws cognito-idp admin-set-user-password --permanent");
    }
    answers["NEW_PASSWORD"] = settings.newPassword;
    const required = safeJsonParse(params["requiredAttributes"] ?? "[]");
    const missing = [];
    for (const entry of Array.isArray(required) ? required : []) {
      if (typeof entry !== "string") continue;
      const name = entry.replace(/^userAttributes\./, "");
      const value = settings.userAttributes[name];
      if (value === void 0) missing.push(name);
      else answers["userAttributes." + name] = value;
    }
    if (missing.length > 0) {
      throw needs(settings, v("userAttributes"), "Cognito needs the attribute(s) " + missing.join(", ") + " of " + userOf(settings) + " with the new password: add them to " + v("userAttributes") + ', e.g. {"' + missing[0] + '":"..."}');
    }
  };
  var softwareTokenMfa = ({ host, settings, v }, answers) => {
    if (settings.totpSecret === void 0) {
      throw needs(settings, v("totpSecret"), userOf(settings) + " has TOTP MFA (SOFTWARE_TOKEN_MFA): set " + v("totpSecret") + " to the base32 secret its authenticator app got");
    }
    answers["SOFTWARE_TOKEN_MFA_CODE"] = totp(base32Decode(settings.totpSecret, v("totpSecret")), host.now());
  };
  var HANDLERS = {
    SELECT_CHALLENGE: selectChallenge,
    PASSWORD_VERIFIER: passwordVerifier,
    NEW_PASSWORD_REQUIRED: newPasswordRequired,
    SOFTWARE_TOKEN_MFA: softwareTokenMfa
  };
  var stringParams = (value) => {
    const out = {};
    if (isRecord(value)) {
      for (const [k, v] of Object.entries(value)) if (typeof v === "string") out[k] = v;
    }
    return out;
  };
  var startSignIn = async (host, settings, request, state) => {
    const operation = state.signer.sign !== void 0 ? "AdminInitiateAuth" : "InitiateAuth";
    const response = await callCognito(host, settings, operation, request, state.signer);
    return answerChallenges(host, settings, response, operation, state);
  };
  var answerChallenges = async (host, settings, first, firstOperation, state) => {
    const admin = state.signer.sign !== void 0;
    const respondOperation = admin ? "AdminRespondToAuthChallenge" : "RespondToAuthChallenge";
    const v = (key) => variableName(key, settings.identity);
    let response = first;
    let operation = firstOperation;
    for (let step = 0; step <= MAX_CHALLENGES; step++) {
      if (response["AuthenticationResult"] !== void 0) {
        return parseAuthenticationResult(response["AuthenticationResult"], settings, operation, true);
      }
      const name = typeof response["ChallengeName"] === "string" ? response["ChallengeName"] : void 0;
      if (name === void 0) throw badResponse(settings, operation, 200, "neither tokens nor a challenge");
      const params = stringParams(response["ChallengeParameters"]);
      const username = params["USER_ID_FOR_SRP"] ?? params["USERNAME"] ?? settings.username;
      const answers = { USERNAME: username };
      const handler = HANDLERS[name];
      if (handler === void 0) {
        const why = whyNot(name, v) ?? "pm-cognito does not know it. Use a user that signs in with a password (and TOTP MFA, if any)";
        throw cannot(settings, "Cognito asked " + userOf(settings) + " for " + name + ", which cannot be automated: " + why + ".");
      }
      handler({ host, settings, state, response, params, username, operation, v }, answers);
      withSecretHash(settings, answers, username);
      const request = { ChallengeName: name, ClientId: settings.clientId, ChallengeResponses: answers };
      if (admin) request["UserPoolId"] = settings.userPoolId;
      if (typeof response["Session"] === "string") request["Session"] = response["Session"];
      operation = respondOperation;
      response = await callCognito(host, settings, respondOperation, request, { ...state.signer, retry: { ...DEFAULT_RETRY, attempts: 1 } });
    }
    throw cannot(settings, "Cognito kept asking " + userOf(settings) + " for more challenges: check its MFA and the pool's custom auth");
  };

  // src/core/sign-in/password-flow.ts
  var userPasswordAuth = (host, settings, password) => passwordSignIn(host, settings, password, {});
  var passwordSignIn = (host, settings, password, signer) => {
    const admin = signer.sign !== void 0;
    return startSignIn(host, settings, {
      AuthFlow: admin ? "ADMIN_USER_PASSWORD_AUTH" : "USER_PASSWORD_AUTH",
      ...admin ? { UserPoolId: settings.userPoolId } : {},
      ClientId: settings.clientId,
      AuthParameters: withSecretHash(settings, { USERNAME: settings.username, PASSWORD: password }, settings.username)
    }, { password, signer });
  };

  // src/core/sign-in/admin-flow.ts
  var adminUserPasswordAuth = (host, settings, password) => passwordSignIn(host, settings, password, adminSigner(host, settings));

  // src/core/sign-in/client-credentials-flow.ts
  var formEncode = (value) => encodeURIComponent(value).replace(/%20/g, "+");
  var clientCredentials = (host, settings) => {
    const url = settings.oauthTokenUrl ?? "";
    let body = "grant_type=client_credentials";
    if (settings.scopes !== void 0) body += "&scope=" + formEncode(settings.scopes);
    const basic = base64Encode(utf8Encode(settings.clientId + ":" + (settings.clientSecret ?? "")));
    const v = (key) => variableName(key, settings.identity);
    return withRetries(host, DEFAULT_RETRY, settings, "client_credentials", async () => {
      const { status, body: text } = await host.transport({
        url,
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Authorization: "Basic " + basic },
        body
      }, settings.timeoutMs);
      const parsed = safeJsonParse(text);
      const answer = isRecord(parsed) ? parsed : {};
      const token = answer["access_token"];
      if (status === 200 && typeof token === "string" && token.split(".").length === 3) {
        const expiresIn = answer["expires_in"];
        return { idToken: void 0, accessToken: token, refreshToken: void 0, expiresIn: typeof expiresIn === "number" ? expiresIn : void 0 };
      }
      const retryable = status === 429 || status >= 500;
      const facts = { identity: settings.identity, retryable };
      const error = answer["error"];
      if (typeof error === "string") {
        const advice = error === "invalid_client" ? "check " + v("clientId") + " and " + v("clientSecret") + ", and that the app client has the client credentials grant" : error === "invalid_scope" ? "set " + v("scopes") + " to scopes of a resource server that the app client may request" : error === "unauthorized_client" ? "enable the client credentials grant on the app client" : error === "unsupported_grant_type" ? "check " + v("oauthTokenUrl") + " is the user pool domain's /oauth2/token" : "check the app client's OAuth settings";
        const refusal = "the token endpoint refused client credentials for app client " + settings.clientId + " (" + error + "): " + advice;
        throw retryable ? new RetryableRefusal(status === 429 ? "COGNITO_THROTTLED" : "COGNITO_UNREACHABLE", refusal, facts) : new CredentialsRefused(refusal, facts);
      }
      const answered = "the token endpoint answered HTTP " + status;
      throw retryable ? new BadResponseError("COGNITO_UNREACHABLE", answered + " repeatedly: check " + v("oauthTokenUrl") + " or run again later", facts) : new BadResponseError("COGNITO_BAD_RESPONSE", answered + " without a token: check " + v("oauthTokenUrl") + " is " + TOKEN_URL_EXAMPLE);
    });
  };

  // src/core/sign-in/srp-flow.ts
  var userSrpAuth = (host, settings, password) => {
    const srp = drawSrpKeys(host);
    return startSignIn(host, settings, {
      AuthFlow: "USER_SRP_AUTH",
      ClientId: settings.clientId,
      AuthParameters: withSecretHash(settings, { USERNAME: settings.username, SRP_A: srp.A.toString(16) }, settings.username)
    }, { password, signer: {}, srp });
  };

  // src/core/sign-in/user-auth-flow.ts
  var userAuth = (host, settings, password) => {
    const admin = settings.authFlow === "ADMIN_USER_AUTH";
    const params = { USERNAME: settings.username, PREFERRED_CHALLENGE: settings.preferredChallenge };
    let srp;
    if (settings.preferredChallenge === "PASSWORD_SRP") {
      srp = drawSrpKeys(host);
      params["SRP_A"] = srp.A.toString(16);
    } else {
      params["PASSWORD"] = password;
    }
    const request = { AuthFlow: "USER_AUTH", ClientId: settings.clientId, AuthParameters: withSecretHash(settings, params, settings.username) };
    if (admin) request["UserPoolId"] = settings.userPoolId;
    return startSignIn(host, settings, request, { password, signer: admin ? adminSigner(host, settings) : {}, srp });
  };

  // src/core/sign-in/sign-in.ts
  var FLOWS = {
    USER_PASSWORD_AUTH: userPasswordAuth,
    USER_SRP_AUTH: userSrpAuth,
    ADMIN_USER_PASSWORD_AUTH: adminUserPasswordAuth,
    USER_AUTH: userAuth,
    ADMIN_USER_AUTH: userAuth,
    CLIENT_CREDENTIALS: clientCredentials
  };
  var signIn = async (host, settings) => {
    const flow = FLOWS[settings.authFlow];
    try {
      return await flow(host, settings, settings.password);
    } catch (error) {
      const retry = settings.newPassword !== void 0 && settings.newPassword !== settings.password && error instanceof CredentialsRefused;
      if (!retry) throw error;
      return flow(host, settings, settings.newPassword);
    }
  };

  // src/core/token-times.ts
  var MAX_TOKEN_LIFETIME_MS = 24 * 36e5;
  var ROUNDING_MS = 1e3;
  var SHORTEST_LIFETIME_MS = 3e5;
  var jwtTimes = (claims) => {
    const exp = numericClaim(claims, "exp");
    const iat = numericClaim(claims, "iat") ?? numericClaim(claims, "auth_time");
    return { expMs: exp === void 0 ? void 0 : exp * 1e3, lifetimeMs: exp === void 0 || iat === void 0 ? void 0 : (exp - iat) * 1e3 };
  };
  var plausibleLifetime = (lifetimeMs) => lifetimeMs > 0 && lifetimeMs <= MAX_TOKEN_LIFETIME_MS + ROUNDING_MS;
  var tokenLifetimeMs = (expiresIn, tokens) => {
    let lifetime = Infinity;
    if (typeof expiresIn === "number" && expiresIn > 0 && expiresIn < Infinity) lifetime = expiresIn * 1e3;
    for (const token of tokens) {
      const { lifetimeMs } = jwtTimes(decodeJwtClaims(token));
      if (lifetimeMs !== void 0 && lifetimeMs > 0) lifetime = Math.min(lifetime, lifetimeMs);
    }
    return Number.isFinite(lifetime) ? Math.min(lifetime, MAX_TOKEN_LIFETIME_MS) : SHORTEST_LIFETIME_MS;
  };

  // src/core/cache-entry.ts
  var REFRESH_APIS = ["GetTokensFromRefreshToken", "REFRESH_TOKEN_AUTH"];
  var cacheKey = (settings) => {
    const user = settings.authFlow === "CLIENT_CREDENTIALS" ? "scopes:" + (settings.scopes ?? "") : settings.username;
    const endpoint = settings.authFlow === "CLIENT_CREDENTIALS" ? settings.oauthTokenUrl ?? "" : settings.endpoint;
    return JSON.stringify([endpoint, settings.userPoolId ?? "", settings.clientId, user, settings.authFlow]);
  };
  var CACHE_VARIABLE_PREFIX = "pm_cognito_cache_";
  var cacheVariable = (key) => CACHE_VARIABLE_PREFIX + hexEncode(sha256(key)).slice(0, 16);
  var toCachedTokens = (result, key, receivedAt, previousRefresh) => {
    const tokens = result.idToken !== void 0 ? [result.idToken, result.accessToken] : [result.accessToken];
    return {
      key,
      idToken: result.idToken,
      accessToken: result.accessToken,
      // A rotating client's refresh answer carries a new refresh token (the old one is spent); others keep the old one.
      refreshToken: result.refreshToken ?? previousRefresh,
      obtainedAt: receivedAt,
      expiresAt: receivedAt + tokenLifetimeMs(result.expiresIn, tokens)
    };
  };
  var serialiseCache = (tokens) => {
    const { jwtExpMs: _readBack, ...stored } = tokens;
    return JSON.stringify({ v: 1, ...stored });
  };
  var parseCache = (text, settings) => {
    const read = readEntry(text);
    if (read === void 0 || read.tokens.key !== cacheKey(settings) || !claimsBelongTo(read.access, read.id, settings)) return void 0;
    return read.tokens;
  };
  var readEntry = (text) => {
    if (text === void 0 || text === "") return void 0;
    const value = safeJsonParse(text);
    if (!isRecord(value) || value["v"] !== 1 || typeof value["key"] !== "string") return void 0;
    const { idToken, accessToken, refreshToken, obtainedAt, expiresAt } = value;
    if (typeof accessToken !== "string" || accessToken === "") return void 0;
    if (idToken !== void 0 && typeof idToken !== "string") return void 0;
    if (refreshToken !== void 0 && typeof refreshToken !== "string") return void 0;
    if (typeof obtainedAt !== "number" || typeof expiresAt !== "number" || !(expiresAt > obtainedAt)) return void 0;
    if (expiresAt - obtainedAt > MAX_TOKEN_LIFETIME_MS + ROUNDING_MS) return void 0;
    const tokens = { key: value["key"], idToken, accessToken, refreshToken, obtainedAt, expiresAt };
    if (typeof value["refreshWith"] === "string" && REFRESH_APIS.includes(value["refreshWith"])) tokens.refreshWith = value["refreshWith"];
    const access = readJwtClaims(accessToken);
    const id = idToken === void 0 ? void 0 : readJwtClaims(idToken);
    if (access === void 0 || idToken !== void 0 && id === void 0) return void 0;
    let shortest;
    for (const claims of id === void 0 ? [access] : [id, access]) {
      const { expMs, lifetimeMs } = jwtTimes(claims);
      if (expMs !== void 0) tokens.jwtExpMs = Math.min(tokens.jwtExpMs ?? expMs, expMs);
      if (lifetimeMs === void 0) continue;
      if (!plausibleLifetime(lifetimeMs)) return void 0;
      shortest = Math.min(shortest ?? lifetimeMs, lifetimeMs);
    }
    if (shortest !== void 0 && expiresAt > obtainedAt + shortest) tokens.expiresAt = obtainedAt + shortest;
    return { tokens, access, id };
  };
  var claimsBelongTo = (access, id, settings) => {
    if (stringClaim(access, "client_id") !== settings.clientId) return false;
    if (id !== void 0) return stringClaim(id, "aud") === settings.clientId && matchesUser(id, settings.username);
    return settings.authFlow === "CLIENT_CREDENTIALS" || matchesUser(access, settings.username);
  };
  var matchesUser = (claims, username) => {
    const wanted = username.toLowerCase();
    return ["cognito:username", "username", "email", "phone_number", "preferred_username", "sub"].some((name) => stringClaim(claims, name)?.toLowerCase() === wanted);
  };

  // src/core/cache-policy.ts
  var CLOCK_SKEW_ALLOWANCE_MS = 5 * 6e4;
  var renew = (entry, reason) => entry.refreshToken !== void 0 ? { action: "refresh", tokens: entry, reason } : { action: "sign-in", reason };
  var decide = (entry, nowMs, marginSeconds) => {
    if (entry === void 0) return { action: "sign-in", reason: "no cached tokens" };
    const lifetime = entry.expiresAt - entry.obtainedAt;
    const margin = renewalMarginMs(marginSeconds, lifetime);
    if (nowMs < entry.obtainedAt) {
      return renew(entry, "the clock moved backwards");
    }
    const exp = entry.jwtExpMs;
    if (exp !== void 0 && nowMs > exp + CLOCK_SKEW_ALLOWANCE_MS) {
      const reason = "the token's own exp passed " + Math.round((nowMs - exp) / 6e4) + " min ago on this machine's clock (if this repeats, this clock is ahead of Cognito's)";
      return renew(entry, reason);
    }
    if (nowMs < entry.expiresAt - margin) return { action: "use", tokens: entry };
    return renew(entry, "the token expires soon" + (entry.refreshToken !== void 0 ? "" : " and there is no refresh token"));
  };
  var renewalMarginMs = (marginSeconds, lifetimeMs) => Math.min(marginSeconds * 1e3, lifetimeMs / 2);

  // src/core/authenticate.ts
  var authenticate = async (host, settings) => {
    const key = cacheKey(settings);
    const variable = cacheVariable(key);
    const cached = parseCache(host.store.get(variable), settings);
    const decision = decide(cached, host.now(), settings.refreshMarginSeconds);
    if (cached) rememberSecrets([cached.refreshToken, cached.idToken, cached.accessToken]);
    const debug = (text) => debugLog(host, settings, text);
    if (decision.action === "use") {
      debug("using the cached token (valid for " + Math.round((decision.tokens.expiresAt - host.now()) / 1e3) + " s more)");
      return { tokens: decision.tokens, source: "cache" };
    }
    let learnedNow;
    if (decision.action === "refresh") {
      debug("refreshing: " + decision.reason);
      try {
        const { result: result2, refreshWith: refreshWith2 } = await refresh(host, settings, decision.tokens, (api) => {
          learnedNow = api;
        });
        const tokens2 = toCachedTokens(result2, key, host.now(), decision.tokens.refreshToken);
        tokens2.refreshWith = refreshWith2;
        host.store.set(variable, serialiseCache(tokens2));
        return { tokens: tokens2, source: "refresh" };
      } catch (error) {
        debug("refresh failed (" + (error instanceof PmCognitoError ? error.code : "error") + "), signing in again");
      }
    } else {
      debug("signing in: " + decision.reason);
    }
    const result = await signIn(host, settings);
    const tokens = cachedFromAnswer(result, key, host.now(), settings);
    rememberSecrets([tokens.refreshToken, tokens.idToken, tokens.accessToken]);
    const learned = learnedNow ?? (decision.action === "refresh" ? decision.tokens.refreshWith : cached?.refreshWith);
    if (learned !== void 0) tokens.refreshWith = learned;
    host.store.set(variable, serialiseCache(tokens));
    return { tokens, source: "sign-in" };
  };
  var cachedFromAnswer = (result, key, receivedAt, settings) => {
    try {
      return toCachedTokens(result, key, receivedAt);
    } catch (error) {
      throw error instanceof TokenError ? error.forIdentity(settings.identity, variableName("endpoint", settings.identity)) : error;
    }
  };

  // src/core/identities.ts
  var TOKEN_REFERENCE = new RegExp("\\{\\{\\s*cognito_(id_|access_)?token(?:@(" + IDENTITY_NAME_PATTERN + "))?\\s*\\}\\}", "g");
  var NAME_TAG = new RegExp("(?:^|\\s)@(" + IDENTITY_NAME_PATTERN + ")(?::(id|access))?\\s*$");
  var NO_TOKEN_TAG = "none";
  var NOAUTH_REQUESTS_VARIABLE = "pm_cognito_noauth_requests";
  var DEFAULT_TAG = "default";
  var referencedTokens = (text) => {
    const needs2 = [];
    for (const match of text.matchAll(TOKEN_REFERENCE)) {
      const type = match[1] === "id_" ? "id" : match[1] === "access_" ? "access" : void 0;
      const identity = match[2] ?? "";
      if (!needs2.some((n) => n.identity === identity && n.tokenType === type)) {
        needs2.push({ identity, tokenType: type, source: "the reference " + match[0] });
      }
    }
    return needs2;
  };
  var nameTag = (name) => {
    const match = NAME_TAG.exec(name);
    if (!match) return void 0;
    const tag = match[1];
    if (tag.toLowerCase() === NO_TOKEN_TAG) return "none";
    if (!IDENTITY_NAME.test(tag)) return void 0;
    const identity = tag.toLowerCase() === DEFAULT_TAG ? "" : tag;
    return { identity, tokenType: match[2] };
  };
  var tagFromLocation = (location) => {
    for (let i = location.length - 1; i >= 1; i--) {
      const tag = nameTag(location[i]);
      if (tag === "none") return "none";
      if (tag !== void 0) return { ...tag, source: i === location.length - 1 ? "the request name" : 'the folder "' + location[i] + '"' };
    }
    return void 0;
  };
  var configuredIdentities = (variableNames) => {
    const naming = Object.values(SETTING_SPECS).filter((spec) => spec.namesIdentity === true).map((spec) => spec.variable);
    const IDENTITY_VARIABLE = new RegExp("^(?:" + naming.join("|") + ")@(" + IDENTITY_NAME_PATTERN + ")$");
    const found = /* @__PURE__ */ new Set();
    for (const name of variableNames) {
      const match = IDENTITY_VARIABLE.exec(name);
      if (match) found.add(match[1]);
    }
    return [...found].sort();
  };

  // src/core/did-you-mean.ts
  var distance = (a, b) => {
    const rows = [];
    for (let i = 0; i <= a.length; i++) {
      rows.push([i]);
      for (let j = 1; j <= b.length; j++) {
        if (i === 0) {
          rows[0][j] = j;
          continue;
        }
        const cost = a[i - 1] === b[j - 1] ? 0 : 1;
        let best = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2][j - 2] + 1);
        rows[i][j] = best;
      }
    }
    return rows[a.length][b.length];
  };
  var didYouMean = (word, candidates) => {
    if (candidates.includes(word)) return void 0;
    const lower = word.toLowerCase();
    const sameButCase = candidates.find((candidate) => candidate.toLowerCase() === lower);
    if (sameButCase !== void 0) return sameButCase;
    const limit = word.length <= 4 ? 1 : word.length <= 12 ? 2 : 3;
    let best;
    let bestDistance = limit + 1;
    for (const candidate of candidates) {
      if (Math.abs(candidate.length - word.length) > limit) continue;
      const d = distance(lower, candidate.toLowerCase());
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return best;
  };

  // src/core/identity-pool/setting-specs.ts
  var IDENTITY_POOL_ID = /^([a-z]{2}(?:-[a-z]+)+-\d{1,2}):[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
  var IDENTITY_POOL_TABLE = {
    guest: {
      variable: "cognito_identity_guest",
      kind: "boolean",
      perIdentity: true,
      defaultValue: "false"
    },
    identityPoolId: {
      variable: "cognito_identity_pool_id",
      kind: "text",
      check: (value) => IDENTITY_POOL_ID.test(value) ? void 0 : "is " + quote(value) + ", which is not an identity pool ID: copy it from the Cognito console (it looks like us-east-1:1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d)",
      neededBecause: () => "the request names cognito_iam_* variables, which come from an identity pool; set it to the identity pool ID (Cognito console: Identity pools, e.g. us-east-1:1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d)"
    },
    identityEndpoint: {
      variable: "cognito_identity_endpoint",
      kind: "url",
      check: (value) => isHttpUrl(value) ? void 0 : "is " + quote(value) + ", which is not an http(s) URL: set it like http://127.0.0.1:9230/ or leave it empty to use the identity pool's region",
      convert: (value) => value.endsWith("/") ? value : value + "/",
      // Declares its return type: the table's type is derived from the table itself.
      derive: (ctx) => "https://cognito-identity." + identityPoolRegion(ctx.values.identityPoolId) + ".amazonaws.com/"
    }
  };
  var IDENTITY_POOL_SETTING_SPECS = IDENTITY_POOL_TABLE;
  function identityPoolRegion(identityPoolId) {
    return identityPoolId === void 0 ? "" : IDENTITY_POOL_ID.exec(identityPoolId)?.[1] ?? "";
  }

  // src/core/identity-pool/variables.ts
  var IAM_VARIABLES = {
    accessKeyId: "cognito_iam_access_key_id",
    secretAccessKey: "cognito_iam_secret_access_key",
    sessionToken: "cognito_iam_session_token",
    identityId: "cognito_iam_identity_id"
  };
  var IAM_REFERENCE = /\{\{\s*cognito_iam_(?:access_key_id|secret_access_key|session_token|identity_id)(?:@([A-Za-z0-9][A-Za-z0-9_.-]{0,63}))?\s*\}\}/g;
  var referencedIamIdentities = (text) => {
    const identities = [];
    for (const match of text.matchAll(IAM_REFERENCE)) {
      const identity = match[1] ?? "";
      if (!identities.includes(identity)) identities.push(identity);
    }
    return identities;
  };
  var iamVariableValues = (credentials, identity) => {
    const suffix = identity ? "@" + identity : "";
    return {
      [IAM_VARIABLES.accessKeyId + suffix]: credentials.accessKeyId,
      [IAM_VARIABLES.secretAccessKey + suffix]: credentials.secretAccessKey,
      [IAM_VARIABLES.sessionToken + suffix]: credentials.sessionToken,
      [IAM_VARIABLES.identityId + suffix]: credentials.identityId
    };
  };

  // src/core/known-variables.ts
  var OUTPUT_VARIABLES = ["cognito_token", "cognito_id_token", "cognito_access_token", ...Object.values(IAM_VARIABLES)];
  var knownVariables = () => [...Object.values(SETTING_SPECS), ...Object.values(IDENTITY_POOL_SETTING_SPECS)].map((spec) => spec.variable).concat(OUTPUT_VARIABLES);
  var baseOf = (name) => name.includes("@") ? name.slice(0, name.indexOf("@")) : name;
  var REFERENCE2 = /\{\{\s*(cognito_[^{}\s]*?)\s*\}\}/g;
  var unknownReferences = (text) => {
    const found = [];
    let known2;
    for (const match of text.matchAll(REFERENCE2)) {
      const name = match[1];
      known2 ?? (known2 = knownVariables());
      if (!known2.includes(baseOf(name)) && !found.includes(name)) found.push(name);
    }
    return found;
  };

  // src/core/name-typos.ts
  var suggest = (word, candidates) => {
    const near = didYouMean(word, candidates);
    return near === void 0 ? "" : ": did you mean " + near + "?";
  };
  var unknownVariableWarnings = (names) => {
    const known2 = knownVariables();
    const warnings = [];
    for (const name of names) {
      if (!name.startsWith("cognito_") || known2.includes(baseOf(name))) continue;
      warnings.push(name + " is not a pm-cognito setting, so it is not read" + suggest(baseOf(name), known2));
    }
    return warnings;
  };
  var unknownReferenceMessage = (name) => {
    const near = didYouMean(baseOf(name), [...OUTPUT_VARIABLES, ...knownVariables()]);
    return "{{" + name + "}} names no pm-cognito output, so it would be sent empty" + (near === void 0 ? ": use cognito_token, cognito_id_token or cognito_access_token" : ": did you mean {{" + near + (name.includes("@") ? name.slice(name.indexOf("@")) : "") + "}}?");
  };
  var tagTypeProblem = (itemName) => {
    const match = new RegExp("(?:^|\\s)@(" + IDENTITY_NAME_PATTERN + "):([^\\s]*)\\s*$").exec(itemName);
    if (!match || TOKEN_TYPES.includes(match[2])) return void 0;
    return "the tag @" + match[1] + ":" + match[2] + ' in "' + itemName + '" has the token type "' + match[2] + '", which is not id or access' + suggest(match[2], TOKEN_TYPES);
  };
  var identityTypo = (identity, configured) => {
    if (identity === "" || configured.includes(identity)) return void 0;
    const near = didYouMean(identity, configured);
    return near === void 0 ? void 0 : 'identity "' + identity + '" has no settings, but "' + near + '" has' + (near.toLowerCase() === identity.toLowerCase() ? " (identity names are case-sensitive; COGNITO_*__NAME variables give lower-case names)" : "") + ": did you mean @" + near + "?";
  };

  // src/core/refusal-memory.ts
  var refusalMemoryName = (settings) => {
    const material = [
      cacheKey(settings),
      settings.password,
      settings.newPassword ?? "",
      settings.clientSecret ?? "",
      settings.totpSecret ?? "",
      settings.awsAccessKeyId ?? "",
      settings.awsSecretAccessKey ?? ""
    ].join("\n");
    return "pm_cognito_refused_" + hexEncode(sha256(material)).slice(0, 32);
  };

  // src/postman/variable-lookup.ts
  var lookUp = resolvingLookup((name) => pm.variables.get(name));
  var variableSnapshot = () => {
    const scope = pm.variables;
    if (typeof scope.toObject !== "function") return lookUp;
    const all = scope.toObject(true);
    return resolvingLookup((name) => hasOwn(all, name) ? all[name] : void 0);
  };
  var readStored = (name) => {
    const value = pm.collectionVariables.get(name);
    if (typeof value === "string" && value !== "") return value;
    const handed = pm.environment ? pm.environment.get(name) : void 0;
    return typeof handed === "string" && handed !== "" ? handed : typeof value === "string" ? value : void 0;
  };
  var setIfChanged = (name, value) => {
    if (pm.collectionVariables.get(name) !== value) pm.collectionVariables.set(name, value);
  };
  var withVaultSecrets = async (lookup, identity) => {
    const vault = pm.vault;
    if (vault === void 0 || typeof vault.get !== "function") return lookup;
    const secrets = {};
    for (const spec of Object.values(SETTING_SPECS)) {
      for (const variable of identity ? [withIdentity(spec.variable, identity), spec.variable] : [spec.variable]) {
        const secret = vaultReference(lookup(variable));
        if (secret === void 0) continue;
        let value;
        try {
          value = await vault.get(secret);
        } catch (error) {
          throw new SettingsError({ identity, problems: [variable + " " + vaultProblem(secret, variable, error instanceof Error ? error.message : String(error))] });
        }
        if (typeof value !== "string" || value === "") {
          throw new SettingsError({ identity, problems: [variable + " is {{vault:" + secret + '}}, which is not in your Postman Vault: add it, turn on "Enable support in scripts" and allow this collection'] });
        }
        secrets[variable] = value;
      }
    }
    return (name) => hasOwn(secrets, name) ? secrets[name] : lookup(name);
  };

  // src/postman/fast-path-note.ts
  var NOTE_VARIABLE = "pm_cognito_fast_path";
  var REFUSAL_SEEN_VARIABLE = "pm_cognito_refused_any";
  var needKey = (need) => need.identity + ":" + (need.tokenType ?? "");
  var iamNeedKey = (identity) => {
    return identity + ":iam";
  };
  var checksum = (text) => {
    let a = 2166136261;
    let b = 2538058380;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      a = Math.imul(a ^ c, 16777619);
      b = Math.imul(b ^ c, 2246822507);
    }
    return (a >>> 0).toString(36) + "." + (b >>> 0).toString(36) + "." + text.length.toString(36);
  };
  var secretClass = (value, maxLength) => {
    if (value === void 0 || value === null) return "u";
    const text = String(value);
    if (text.trim() === "") return "u";
    if (text !== text.trim()) return "w";
    return maxLength !== void 0 && text.length > maxLength ? "l" : "s";
  };
  var tableParts = (specs, identity, lookup) => {
    const parts = [];
    for (const key of Object.keys(specs)) {
      const spec = specs[key];
      let value = lookup(identity ? spec.variable + "@" + identity : spec.variable);
      if (identity && spec.perIdentity !== true && (value === void 0 || value === null || String(value).trim() === "")) value = lookup(spec.variable);
      parts.push(isSecret(spec) ? secretClass(value, spec.maxLength) : value === void 0 || value === null ? null : String(value));
    }
    return parts;
  };
  var settingsFingerprint = (identity, lookup = variableSnapshot()) => checksum(JSON.stringify([identity, ...tableParts(SETTING_SPECS, identity, lookup)]));
  var readNote = () => {
    const text = pm.collectionVariables.get(NOTE_VARIABLE);
    const note = typeof text === "string" ? safeJsonParse(text) : void 0;
    return isRecord(note) ? note : void 0;
  };
  var updateNote = (key, entry) => {
    const note = { ...readNote() ?? {} };
    if (entry === void 0) {
      if (!(key in note)) return;
      delete note[key];
    } else {
      note[key] = entry;
    }
    const text = Object.keys(note).length === 0 ? "" : JSON.stringify(note);
    const current = pm.collectionVariables.get(NOTE_VARIABLE);
    if ((typeof current === "string" ? current : "") !== text) pm.collectionVariables.set(NOTE_VARIABLE, text);
  };

  // src/core/identity-pool/cache.ts
  var MAX_CREDENTIALS_LIFETIME_MS = 12 * 36e5;
  function credentialsKey(pool, user) {
    const who = user === void 0 ? ["guest", pool.identity] : ["user", cacheKey(user)];
    return JSON.stringify([pool.endpoint, pool.identityPoolId, ...who]);
  }
  var CREDENTIALS_VARIABLE_PREFIX = "pm_cognito_iam_";
  function credentialsVariable(key) {
    return CREDENTIALS_VARIABLE_PREFIX + hexEncode(sha256(key)).slice(0, 16);
  }
  function serialiseCredentials(credentials) {
    return JSON.stringify({ v: 1, ...credentials });
  }
  function parseCredentials(text, key) {
    const entry = readCredentialsEntry(text);
    return entry?.key === key ? entry : void 0;
  }
  function readCredentialsEntry(text) {
    if (text === void 0 || text === "") return void 0;
    const value = safeJsonParse(text);
    if (!isRecord(value) || value["v"] !== 1 || typeof value["key"] !== "string") return void 0;
    const { key, identityId, accessKeyId, secretAccessKey, sessionToken, obtainedAt, expiresAt } = value;
    if (typeof identityId !== "string" || identityId === "" || typeof accessKeyId !== "string" || accessKeyId === "") return void 0;
    if (typeof secretAccessKey !== "string" || secretAccessKey === "" || typeof sessionToken !== "string" || sessionToken === "") return void 0;
    if (typeof obtainedAt !== "number" || typeof expiresAt !== "number" || !Number.isFinite(obtainedAt) || !(expiresAt > obtainedAt)) return void 0;
    if (expiresAt - obtainedAt > MAX_CREDENTIALS_LIFETIME_MS) return void 0;
    return { key, identityId, accessKeyId, secretAccessKey, sessionToken, obtainedAt, expiresAt };
  }
  function decideCredentials(entry, nowMs, marginSeconds) {
    if (entry === void 0) return { action: "get-id", reason: "no cached identity" };
    if (nowMs < entry.obtainedAt) return { action: "renew", identityId: entry.identityId, reason: "the clock moved backwards" };
    const margin = renewalMarginMs(marginSeconds, entry.expiresAt - entry.obtainedAt);
    if (nowMs < entry.expiresAt - margin) return { action: "use", credentials: entry };
    return { action: "renew", identityId: entry.identityId, reason: "the credentials expire soon" };
  }

  // src/core/identity-pool/settings.ts
  function identityPoolVariable(key, identity) {
    return withIdentity(IDENTITY_POOL_SETTING_SPECS[key].variable, identity);
  }
  function readIdentityPoolSettings(lookup, identity, user) {
    checkIdentityName(identity);
    const variables = tableVariables(IDENTITY_POOL_SETTING_SPECS, lookup, identity);
    const values = {};
    const ctx = { values, has: (key) => (variables.raw(key) ?? "").trim() !== "", name: variables.name };
    const problems = readTable(IDENTITY_POOL_SETTING_SPECS, variables, ctx);
    if (user !== void 0) {
      const userPool = identity ? variableName("userPoolId", identity) + " (or " + variableName("userPoolId", "") + ")" : variableName("userPoolId", "");
      const flow = variableName("authFlow", identity);
      if (user.authFlow === "CLIENT_CREDENTIALS") {
        problems.push(flow + " is CLIENT_CREDENTIALS, which gives no ID token for the identity pool: use a user sign-in flow, or set " + identityPoolVariable("guest", identity) + " to true for guest credentials");
      } else if (user.userPoolId === void 0 || user.region === void 0) {
        problems.push(userPool + " is not set: the identity pool names the user pool by its id; set it (e.g. us-east-1_AbCdEf123)");
      }
    }
    if (problems.length > 0) throw new SettingsError({ identity, problems, subject: "identity-pool settings" });
    assertEveryKey(IDENTITY_POOL_SETTING_SPECS, values);
    const general = user ?? readGeneral(lookup, identity);
    return {
      identity,
      identityPoolId: values.identityPoolId,
      region: identityPoolRegion(values.identityPoolId),
      endpoint: values.identityEndpoint,
      guest: values.guest,
      allowEndpoint: general.allowEndpoint,
      refreshMarginSeconds: general.refreshMarginSeconds,
      timeoutMs: general.timeoutMs,
      debug: general.debug
    };
  }
  function readGeneral(lookup, identity) {
    const rows = { refreshMarginSeconds: SETTING_SPECS.refreshMarginSeconds, timeoutMs: SETTING_SPECS.timeoutMs, debug: SETTING_SPECS.debug, allowEndpoint: SETTING_SPECS.allowEndpoint };
    const variables = tableVariables(SETTING_SPECS, lookup, identity);
    const values = { identity };
    const ctx = { flow: "USER_PASSWORD_AUTH", challenge: "PASSWORD", values, has: (key) => (variables.raw(key) ?? "").trim() !== "", name: variables.name };
    readTable(rows, variables, ctx);
    assertEveryKey(rows, values);
    return values;
  }
  function userPoolProvider(user) {
    return "cognito-idp." + (user.region ?? "") + ".amazonaws.com/" + (user.userPoolId ?? "");
  }

  // src/core/identity-pool/errors.ts
  function identityPoolError(fault, pool, user, operation) {
    const p = (key) => identityPoolVariable(key, pool.identity);
    const u = (key) => variableName(key, pool.identity);
    const who = user === void 0 ? "guest identity" + (pool.identity ? ' "' + pool.identity + '"' : "") : 'user "' + user.username + '"';
    const make = (code, text, setting, retryable = false) => new IdentityPoolRefusal(code, text, { identity: pool.identity, cognitoType: fault.type, cognitoMessage: fault.message, retryable, ...setting === void 0 ? {} : { setting } });
    const message = fault.message;
    const pid = pool.identityPoolId;
    const access = " in the identity pool's User access settings";
    if (isRetryableType(fault.type)) {
      return make("COGNITO_THROTTLED", "Cognito Identity is throttling or failing: run again later (credentials stay cached per identity where the collection variables persist)", void 0, true);
    }
    switch (fault.type) {
      case "ResourceNotFoundException":
        if (/identity ?pool/i.test(message)) {
          return make("IDENTITY_POOL_NOT_FOUND", "Cognito Identity does not know the identity pool " + pid + ": check " + p("identityPoolId") + " (Cognito console: Identity pools) and that " + p("identityEndpoint") + " / the region in the pool ID is where it lives", p("identityPoolId"));
        }
        return make("COGNITO_RESOURCE_NOT_FOUND", "the identity of " + who + " is gone from identity pool " + pid + ": run again to get a new one");
      case "NotAuthorizedException":
        if (/unauthenticated access is not supported/i.test(message)) {
          return make("IDENTITY_POOL_GUEST_DISABLED", "identity pool " + pid + ' does not allow guest (unauthenticated) access: turn on "Guest access"' + access + ", or set " + p("guest") + " to false and give the identity a user", p("guest"));
        }
        if (/supported provider|issuer doesn.t match|incorrect token audience|invalid login token\. (?:couldn|not a valid)/i.test(message) && user !== void 0) {
          return make("IDENTITY_POOL_PROVIDER_REFUSED", "identity pool " + pid + " does not accept ID tokens of user pool " + (user.userPoolId ?? "") + " and app client " + user.clientId + ": add them as an identity provider" + access + ", or check " + p("identityPoolId") + ", " + u("userPoolId") + " and " + u("clientId"), p("identityPoolId"));
        }
        if (/token expired/i.test(message)) {
          return make("COGNITO_NOT_AUTHORIZED", "Cognito Identity found the ID token of " + who + " expired: check this machine's clock (pm-cognito renews tokens before they expire)");
        }
        return make("COGNITO_NOT_AUTHORIZED", "Cognito Identity refused " + operation + " for " + who + " in identity pool " + pid + ": check " + p("identityPoolId") + (user === void 0 ? "" : ", " + u("userPoolId") + " and " + u("clientId")), p("identityPoolId"));
      case "InvalidIdentityPoolConfigurationException":
      case "AccessDeniedException": {
        const kind = user === void 0 ? "unauthenticated" : "authenticated";
        const key = '"cognito-identity.amazonaws.com:';
        return make("IDENTITY_POOL_ROLE_REFUSED", "identity pool " + pid + " could not give " + who + " credentials of its " + kind + " role: that IAM role must exist and trust cognito-identity.amazonaws.com for sts:AssumeRoleWithWebIdentity with " + key + 'aud" = "' + pid + '" and ' + key + 'amr" = "' + kind + '"; check the roles' + access);
      }
      // Cognito Identity's constraint violations (a malformed pool id, a login map it cannot read): a setting, not a retry.
      case "InvalidParameterException":
      case "ValidationException":
        return make("COGNITO_INVALID_PARAMETER", "Cognito Identity refused a parameter of " + operation + ": check " + p("identityPoolId"), p("identityPoolId"));
      default:
        return make("COGNITO_UNKNOWN_ERROR", "Cognito Identity refused " + operation + " for " + who + ": check " + p("identityPoolId") + " and " + p("identityEndpoint") + " as its message below says");
    }
  }

  // src/core/identity-pool/client.ts
  function identityService(pool, user) {
    return {
      endpoint: pool.endpoint,
      endpointVariable: identityPoolVariable("identityEndpoint", pool.identity),
      allowEndpoint: pool.allowEndpoint,
      identity: pool.identity,
      targetPrefix: "AWSCognitoIdentityService.",
      timeoutMs: pool.timeoutMs,
      debug: pool.debug,
      endpointVariables: identityPoolVariable("identityEndpoint", pool.identity) + " / " + identityPoolVariable("identityPoolId", pool.identity),
      timeoutVariable: variableName("timeoutMs", pool.identity),
      fault: (fault, operation) => identityPoolError(fault, pool, user, operation)
    };
  }
  async function getIdentityId(host, service, identityPoolId, logins) {
    const payload = { IdentityPoolId: identityPoolId };
    if (logins !== void 0) payload["Logins"] = logins;
    const answer = await callAwsJson(host, service, "GetId", payload);
    const id = answer["IdentityId"];
    if (typeof id !== "string" || !/^[\w-]+:[0-9a-f-]+$/.test(id)) throw serviceBadResponse(service, "GetId", 200, "no IdentityId");
    return id;
  }
  async function getCredentials(host, service, identityId, logins) {
    const payload = { IdentityId: identityId };
    if (logins !== void 0) payload["Logins"] = logins;
    const answer = await callAwsJson(host, service, "GetCredentialsForIdentity", payload);
    const credentials = answer["Credentials"];
    if (!isRecord(credentials)) throw serviceBadResponse(service, "GetCredentialsForIdentity", 200, "no Credentials");
    const { AccessKeyId, SecretKey, SessionToken, Expiration } = credentials;
    const expiration = typeof Expiration === "number" ? Expiration * 1e3 : typeof Expiration === "string" ? Date.parse(Expiration) : NaN;
    const ok = typeof AccessKeyId === "string" && /^[A-Z0-9]{16,128}$/.test(AccessKeyId) && typeof SecretKey === "string" && SecretKey !== "" && typeof SessionToken === "string" && SessionToken !== "" && Number.isFinite(expiration);
    if (!ok) throw serviceBadResponse(service, "GetCredentialsForIdentity", 200, "incomplete Credentials");
    rememberSecrets([SecretKey, SessionToken]);
    const returnedId = answer["IdentityId"];
    return {
      identityId: typeof returnedId === "string" && returnedId !== "" ? returnedId : identityId,
      accessKeyId: AccessKeyId,
      secretAccessKey: SecretKey,
      sessionToken: SessionToken,
      expiration
    };
  }

  // src/core/identity-pool/credentials.ts
  function identityLost(error) {
    return error instanceof PmCognitoError && (error.cognitoType === "ResourceNotFoundException" && error.code === "COGNITO_RESOURCE_NOT_FOUND" || error.cognitoType === "NotAuthorizedException" && error.code === "COGNITO_NOT_AUTHORIZED" && !error.retryable);
  }
  async function identityCredentials(host, pool, user) {
    const key = credentialsKey(pool, user?.settings);
    const variable = credentialsVariable(key);
    const decision = decideCredentials(parseCredentials(host.store.get(variable), key), host.now(), pool.refreshMarginSeconds);
    const debug = (text) => {
      if (pool.debug) host.log("pm-cognito" + (pool.identity ? " [" + pool.identity + "]" : "") + ": " + text);
    };
    if (decision.action === "use") {
      debug("using cached AWS credentials (valid for " + Math.round((decision.credentials.expiresAt - host.now()) / 1e3) + " s more)");
      return { credentials: decision.credentials, source: "cache" };
    }
    debug((decision.action === "renew" ? "renewing AWS credentials: " : "getting an identity-pool identity: ") + decision.reason);
    const service = identityService(pool, user?.settings);
    let logins;
    if (user !== void 0) logins = { [userPoolProvider(user.settings)]: await user.idToken() };
    let identityId = decision.action === "renew" ? decision.identityId : void 0;
    let source = "renew";
    let issued;
    if (identityId !== void 0) {
      try {
        issued = await getCredentials(host, service, identityId, logins);
      } catch (error) {
        if (!identityLost(error)) throw error;
        debug("the cached identity was refused, getting it again");
        identityId = void 0;
      }
    }
    if (issued === void 0) {
      source = "get-id";
      identityId = await getIdentityId(host, service, pool.identityPoolId, logins);
      issued = await getCredentials(host, service, identityId, logins);
    }
    const obtainedAt = host.now();
    const lifetime = issued.expiration - obtainedAt;
    if (lifetime <= 0 || lifetime > MAX_CREDENTIALS_LIFETIME_MS + 5 * 6e4) {
      throw new BadResponseError("COGNITO_BAD_RESPONSE", "Cognito Identity gave credentials that expire " + new Date(issued.expiration).toISOString() + ", " + Math.round(lifetime / 6e4) + " min from now on this machine's clock: check that this clock is right (AWS also refuses signatures more than 5 minutes off)", { identity: pool.identity });
    }
    const credentials = {
      key,
      identityId: issued.identityId,
      accessKeyId: issued.accessKeyId,
      secretAccessKey: issued.secretAccessKey,
      sessionToken: issued.sessionToken,
      obtainedAt,
      expiresAt: Math.min(issued.expiration, obtainedAt + MAX_CREDENTIALS_LIFETIME_MS)
    };
    host.store.set(variable, serialiseCredentials(credentials));
    return { credentials, source };
  }
  function cachedTokenUser(host, settings) {
    return {
      settings,
      idToken: async () => {
        const { tokens } = await authenticate(host, settings);
        if (tokens.idToken === void 0) {
          throw new BadResponseError("COGNITO_BAD_RESPONSE", 'the sign-in of user "' + settings.username + '" gave no ID token, which the identity pool needs: check ' + variableName("authFlow", settings.identity), { identity: settings.identity, setting: variableName("authFlow", settings.identity) });
        }
        return tokens.idToken;
      }
    };
  }
  function readCredentialsSettings(lookup, identity) {
    const poolOnly = readIdentityPoolSettings(lookup, identity, void 0);
    const user = poolOnly.guest ? void 0 : readSettings(lookup, identity);
    return { pool: user === void 0 ? poolOnly : readIdentityPoolSettings(lookup, identity, user), user };
  }
  async function credentialsForIdentity(host, lookup, identity) {
    const { pool, user } = readCredentialsSettings(lookup, identity);
    const provided = await identityCredentials(host, pool, user === void 0 ? void 0 : cachedTokenUser(host, user));
    return { ...provided, pool, user };
  }

  // src/postman/fast-path-credentials.ts
  function iamFingerprint(identity, lookup = variableSnapshot()) {
    return checksum(JSON.stringify(["iam", identity, ...tableParts(IDENTITY_POOL_SETTING_SPECS, identity, lookup), ...tableParts(SETTING_SPECS, identity, lookup)]));
  }
  function credentialsNoteEntry(pool, user, fingerprint, stored) {
    const key = credentialsKey(pool, user);
    const variable = credentialsVariable(key);
    const text = stored(variable) ?? "";
    if (parseCredentials(text, key) === void 0) return void 0;
    return { f: fingerprint, m: pool.refreshMarginSeconds, w: [[variable, checksum(text)]] };
  }

  // src/postman/host.ts
  var sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  var postmanHost = () => {
    return {
      transport: sendRequest,
      store: { get: readStored, set: (name, value) => pm.collectionVariables.set(name, value) },
      now: () => Date.now(),
      sleep,
      randomBytes,
      log: (message) => console.log(redact(message))
    };
  };
  var randomBytes = (length) => {
    const out = new Uint8Array(length);
    if (typeof crypto !== "undefined" && crypto !== null && typeof crypto.getRandomValues === "function") {
      return crypto.getRandomValues(out);
    }
    for (let i = 0; i < length; i++) {
      out[i] = (Math.floor(Math.random() * 256) ^ Math.floor(Math.random() * 256)) & 255;
    }
    return out;
  };
  var abandoned = 0;
  var abandonedLimit = 0;
  var settleAbandoned = async () => {
    for (let waited = 0; abandoned > 0 && waited < abandonedLimit; waited += 50) await sleep(50);
    if (abandoned === 0) return;
    throw new TransportError({ kind: "abandoned", timeoutMs: abandonedLimit });
  };
  var sendRequest = (request, timeoutMs) => {
    return new Promise((resolve, reject) => {
      let settled = false;
      const timer = setTimeout(() => {
        if (settled) return;
        settled = true;
        abandoned++;
        abandonedLimit = Math.max(abandonedLimit, timeoutMs);
        reject(new TransportError({ kind: "timeout", timeoutMs }));
      }, timeoutMs);
      const header = Object.entries(request.headers).map(([key, value]) => ({ key, value }));
      pm.sendRequest({ url: request.url, method: request.method, header, body: { mode: "raw", raw: request.body } }, (error, response) => {
        if (settled) {
          abandoned--;
          return;
        }
        settled = true;
        clearTimeout(timer);
        if (error ? error.code === ANSWER_CUT_CODE : (response.responseSize ?? 0) > MAX_ANSWER_BYTES) return reject(new TransportError({ kind: "too-large", url: request.url, limit: MAX_ANSWER_BYTES }));
        if (error) return reject(new TransportError({ kind: "unreachable", url: request.url, detail: error.code || error.message || "network error" }));
        let body = "";
        try {
          body = response.text();
        } catch {
        }
        resolve({ status: response.code, body });
      });
    });
  };

  // src/postman/aws-credentials.ts
  async function provideAwsCredentials(requestText2, lookUp2) {
    const identities = referencedIamIdentities(requestText2);
    if (identities.length === 0) return false;
    const host = postmanHost();
    for (const identity of identities) {
      let provided;
      try {
        provided = await credentialsForIdentity(host, lookUp2, identity);
      } catch (error) {
        updateNote(iamNeedKey(identity), void 0);
        throw error;
      }
      const { credentials, source, pool, user } = provided;
      const values = iamVariableValues(credentials, identity);
      for (const name of Object.keys(values)) setIfChanged(name, values[name]);
      if (pool.debug) {
        host.log('pm-cognito: "' + pm.info.requestName + '" uses AWS credentials of identity ' + (identity || "default") + (pool.guest ? " (guest)" : "") + " from " + source);
      } else {
        updateNote(iamNeedKey(identity), credentialsNoteEntry(pool, user, iamFingerprint(identity), readStored));
      }
    }
    return true;
  }

  // src/postman/request-needs.ts
  var BAD_TYPE_TAG = /(?:^|\s)@[A-Za-z0-9][A-Za-z0-9_.-]{0,63}:(?!(?:id|access)\s*$)\S*\s*$/;
  var DEFAULT_NEED = { identity: "", tokenType: void 0, source: "the default identity" };
  var hasOwnHeader = (headerName) => {
    let found = false;
    const wanted = headerName.toLowerCase();
    pm.request.headers.each((header) => {
      if (!header.disabled && header.key.toLowerCase() === wanted && String(header.value).trim() !== "") found = true;
    });
    return found;
  };
  var requestText = () => {
    const parts = [];
    const auth = pm.request.auth;
    if (auth) parts.push(JSON.stringify(typeof auth.toJSON === "function" ? auth.toJSON() : auth));
    pm.request.headers.each((header) => {
      if (!header.disabled) parts.push(String(header.value));
    });
    parts.push(pm.request.url.toString());
    const body = pm.request.body;
    if (body && typeof body.raw === "string") parts.push(body.raw);
    return parts.join("\n");
  };
  var listedAsNoauth = (location) => {
    const listed = pm.variables.get(NOAUTH_REQUESTS_VARIABLE);
    if (typeof listed !== "string" || listed === "") return false;
    const here = JSON.stringify(location.slice(1));
    const places = safeJsonParse(listed);
    return Array.isArray(places) && places.some((place) => JSON.stringify(place) === here);
  };
  var requestNeeds = () => {
    const auth = pm.request.auth;
    if (auth && auth.type === "noauth") return void 0;
    const location = pm.execution && pm.execution.location ? Array.from(pm.execution.location) : [];
    if (!auth && listedAsNoauth(location)) return void 0;
    const text = requestText();
    const reference = unknownReferences(text).find((name) => pm.variables.get(name) === void 0);
    if (reference !== void 0) return { needs: [], setHeader: false, typo: { reference } };
    const badTag = location.slice(1).find((name) => BAD_TYPE_TAG.test(name));
    if (badTag !== void 0) return { needs: [], setHeader: false, typo: { tag: badTag } };
    const iamIdentities = referencedIamIdentities(text);
    if (iamIdentities.length > 0) return { needs: [], setHeader: false, awsCredentials: iamIdentities };
    const references = referencedTokens(text);
    if (references.length > 0) return { needs: references, setHeader: false };
    if (auth) return void 0;
    const tag = tagFromLocation(location);
    if (tag === "none") return void 0;
    return { needs: [tag ?? DEFAULT_NEED], setHeader: true };
  };

  // src/postman/token-outputs.ts
  var chosen = (delivery) => delivery.tokenType === "id" && delivery.idToken !== void 0 ? delivery.idToken : delivery.accessToken;
  var deliverTokens = (delivery) => {
    const token = chosen(delivery);
    const outputs = [["cognito_token", token], ["cognito_access_token", delivery.accessToken], ["cognito_id_token", delivery.idToken ?? ""]];
    for (const [base, value] of outputs) setIfChanged(withIdentity(base, delivery.identity), value);
    if (delivery.setHeader && !hasOwnHeader(delivery.headerName)) {
      pm.request.headers.upsert({ key: delivery.headerName, value: delivery.headerScheme ? delivery.headerScheme + " " + token : token });
    }
  };

  // src/postman/note-entry.ts
  var noteEntry = (settings, fingerprint, stored) => {
    const variable = cacheVariable(cacheKey(settings));
    const text = stored(variable) ?? "";
    if (parseCache(text, settings) === void 0) return void 0;
    return { f: fingerprint, m: settings.refreshMarginSeconds, w: [[variable, checksum(text)]], t: settings.tokenType, h: settings.headerName, s: settings.headerScheme };
  };

  // src/postman/full-code.ts
  var provide = async (need, setHeader) => {
    const settings = readSettings(await withVaultSecrets(lookUp, need.identity), need.identity);
    if (need.tokenType !== void 0) settings.tokenType = need.tokenType;
    const host = postmanHost();
    const memory = refusalMemoryName(settings);
    const remembered = pm.variables.get(memory);
    if (typeof remembered === "string" && remembered !== "") {
      throw new RepeatedRefusal(remembered, need.identity);
    }
    let authenticated;
    try {
      authenticated = await authenticate(host, settings);
    } catch (error) {
      if (isPermanentRefusal(error)) {
        pm.variables.set(memory, error.message);
        pm.variables.set(REFUSAL_SEEN_VARIABLE, "true");
      }
      throw error;
    }
    const { tokens, source } = authenticated;
    deliverTokens({ identity: need.identity, idToken: tokens.idToken, accessToken: tokens.accessToken, tokenType: settings.tokenType, headerName: settings.headerName, headerScheme: settings.headerScheme, setHeader });
    if (settings.debug) {
      host.log('pm-cognito: "' + pm.info.requestName + '" uses identity ' + (need.identity || "default") + " (" + need.source + "), " + settings.tokenType + " token from " + source);
    } else {
      leaveNote(need, settings);
    }
  };
  var leaveNote = (need, settings) => {
    updateNote(needKey(need), noteEntry(settings, settingsFingerprint(need.identity), readStored));
  };
  var run = async () => {
    const routed = requestNeeds();
    if (routed === void 0) return;
    if (routed.typo !== void 0) throw new SettingsError({ text: "reference" in routed.typo ? unknownReferenceMessage(routed.typo.reference) : tagTypeProblem(routed.typo.tag) });
    if (routed.awsCredentials !== void 0) {
      await provideAwsCredentials(requestText(), lookUp);
    } else {
      for (const need of routed.needs) {
        try {
          await provide(need, routed.setHeader);
        } catch (error) {
          updateNote(needKey(need), void 0);
          throw error;
        }
      }
    }
    await settleAbandoned();
  };
  var withTypoHints = (error) => {
    const message = describeError(error);
    if (!(error instanceof SettingsError) || typeof pm.variables.toObject !== "function") return message;
    const names = Object.keys(pm.variables.toObject(true));
    const hints = unknownVariableWarnings(names).filter((hint) => hint.includes("did you mean"));
    const identity = identityTypo(error.identity, configuredIdentities(names));
    if (identity !== void 0) hints.push(identity);
    return hints.length === 0 ? message : message + " (" + hints.join("; ") + ")";
  };
  var fail = (error) => {
    const message = withTypoHints(error);
    pm.test("pm-cognito: sign in to Cognito", () => {
      throw new Error(message);
    });
    if (pm.execution && typeof pm.execution.skipRequest === "function") pm.execution.skipRequest();
  };
  var runFullCode = () => {
    return run().catch((error) => {
      try {
        fail(error);
      } catch (second) {
        console.error("pm-cognito: " + describeError(second));
      }
    });
  };

  // src/postman/prerequest.ts
  void runFullCode();
})();
