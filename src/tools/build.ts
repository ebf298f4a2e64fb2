// `npm run build`: bundles the Postman pre-request script and the CLI, and installs the script in collections/ (v2.1 and v3).

import { build } from 'esbuild';
import { compactScript, readableInstalledCode } from './compact-full-code';
import { CRYPTO_JS_LOADER } from '../postman/crypto-js-hash';
import { IAM_FORM_LINE } from '../core/managed-block';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { collectionsInDirectory } from '../node/collection-targets';
import { installCollections } from '../node/install-collections';
import { namesIamVariables } from '../node/iam-requests';
import { sandboxBundle } from './sandbox-bundle';
import { deferredModules, withServedReturn } from './served-return';

const root = resolve(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string };

/** The installed script, and the same laid out readably with its comments (`pm-cognito install --readable`). */
export const SCRIPT_FILE = join(root, 'dist', 'pm-cognito.prerequest.js');
export const READABLE_SCRIPT_FILE = join(root, 'dist', 'pm-cognito.prerequest.readable.js');
/** The same two with what signs with AWS keys (`pm-cognito install --iam`: identity pools in cognito_iam_*, the ADMIN_* flows). */
export const IAM_SCRIPT_FILE = join(root, 'dist', 'pm-cognito.iam.prerequest.js');
export const IAM_READABLE_SCRIPT_FILE = join(root, 'dist', 'pm-cognito.iam.prerequest.readable.js');
/** What `pm-cognito run` sends with each request instead of the installed script, and the full code it serves on demand. */
export const RUNNER_FAST_PATH_FILE = join(root, 'dist', 'pm-cognito.run-fast-path.js');
export const FULL_CODE_FILE = join(root, 'dist', 'pm-cognito.full-code.js');

// Every byte of the heading travels with every request too: what it is, where secrets go, where the docs are, how the compact form is made.
const banner = [
  '// ' + pkg.name + ' ' + pkg.version + ': Amazon Cognito sign-in for Postman and newman. Docs: README.md, docs/.',
  '// Sends your password and client secret only to the Cognito endpoint you set; never logs them or the tokens.',
].join('\n');

/** Which form the installed script takes: compact (the default) or readable (`pm-cognito install --readable`). */
export type ScriptForm = 'compact' | 'readable';

const HEADING: Record<ScriptForm, string[]> = {
  compact: [
    // The recipe, whole (script-forms.test.ts runs it); the readable form and how to install it are in the docs the banner names.
    '// Compact: esbuild --minify --target=es2020 of the .readable.js lines between "(() => {" and "})();" (kept), then of those after; names kept.',
  ],
  // The readable form may say more: it is already the larger one.
  readable: ['// It signs in with the cognito_* variables, caches the tokens in collection variables, refreshes them before they expire and sets the Authorization header.'],
};

/**
 * The installed script: one bundle, the fast path (what serves most requests) and the full code that runs only when
 * it declines, sharing every module they both use, behind the loader of the sandbox's crypto-js. Every byte of it
 * travels into the sandbox with every request (docs/benchmarks.md, bench/breakdown.ts): hence one copy of each
 * module, no setting descriptions, no hash code of its own, what signs with AWS keys only where asked for, and the
 * compact form by default.
 */
function installedScript(code: string, form: ScriptForm, iam: boolean): string {
  return [banner, ...(iam ? [IAM_FORM_LINE] : []), ...HEADING[form], code.replace(/\n$/, ''), ''].join('\n');
}

/** Writes the installed script's two layouts, with or without the --iam part; returns the compact one. */
async function writeInstalledForms(iam: boolean): Promise<string> {
  const bundle = await sandboxBundle('installed-entry.ts', { unwrapped: true, withoutIam: !iam, metafile: true });
  const alone = await sandboxBundle('fast-path.ts', { unwrapped: true, withoutIam: !iam, metafile: true });
  const readable = readableInstalledCode(withServedReturn(bundle.text, bundle.metafile!, deferredModules(bundle.metafile!, alone.metafile!)));
  const compact = installedScript(await compactScript(readable), 'compact', iam);
  writeFileSync(iam ? IAM_SCRIPT_FILE : SCRIPT_FILE, compact);
  writeFileSync(iam ? IAM_READABLE_SCRIPT_FILE : READABLE_SCRIPT_FILE, installedScript(readable, 'readable', iam));
  return compact;
}

async function main(): Promise<void> {
  mkdirSync(join(root, 'dist'), { recursive: true });
  const fullCode = (await sandboxBundle('prerequest.ts')).text;
  const script = await writeInstalledForms(false);
  const iamScript = await writeInstalledForms(true);
  writeFileSync(FULL_CODE_FILE, fullCode);
  writeFileSync(RUNNER_FAST_PATH_FILE, [
    '// ' + pkg.name + ' ' + pkg.version + ': what `pm-cognito run` sends with each request instead of the installed script: the fast path,',
    '// and the full code loaded from the runner when it declines. Generated by `npm run build`; do not edit by hand.',
    (await sandboxBundle('runner-entry.ts', { fastPathOnly: true })).text.replace(/\n$/, ''),
    '',
    '// A direct eval at the top level, outside the bundle, so the full code sees `pm` and the timers as the installed script does.',
    'function pmCognitoEvalFullCode(code) {',
    '  eval(code);',
    '}',
    '// The sandbox\'s own crypto-js, for the full code (src/postman/crypto-js-hash.ts).',
    CRYPTO_JS_LOADER,
    '',
  ].join('\n'));
  await build({
    entryPoints: [join(root, 'src', 'cli', 'main.ts')],
    outfile: join(root, 'dist', 'cli.js'),
    bundle: true,
    format: 'cjs',
    target: 'node20',
    platform: 'node',
    packages: 'external',
    minify: false,
    legalComments: 'none',
    banner: { js: '// ' + pkg.name + ' ' + pkg.version + ' command-line interface. Generated by `npm run build`; do not edit by hand.' },
    logLevel: 'warning',
  });

  // The same code as `pm-cognito install collections`: v2.1 files and v3 directories alike.
  // A demo collection whose requests name cognito_iam_* gets the --iam script, as `install --iam` would put it.
  for (const outcome of installCollections(collectionsInDirectory(join(root, 'collections')), (_code, target) => ({ script: namesIamVariables(target) ? iamScript : script }))) {
    for (const warning of outcome.warnings) console.warn(warning);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
