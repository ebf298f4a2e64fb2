// A small typed argv parser: an option table in, a typed options object out, usage errors that say what to do.

import { EXIT, type CliIo } from './io';
import { UsageError } from './usage-error';

export type OptionKind = 'flag' | 'string' | 'strings' | 'integer';

export interface OptionSpec {
  kind: OptionKind;
  /** One-letter alias, e.g. 'e' for -e. */
  short?: string;
  /** Placeholder shown in help, e.g. '<file>'. */
  value?: string;
  help: string;
}

export type OptionTable = Record<string, OptionSpec>;

type ValueOf<S extends OptionSpec> = S['kind'] extends 'flag'
  ? boolean
  : S['kind'] extends 'strings'
    ? string[]
    : S['kind'] extends 'integer'
      ? number | undefined
      : string | undefined;

export type ParsedOptions<T extends OptionTable> = { [K in keyof T]: ValueOf<T[K]> };

export interface ParsedArgs<T extends OptionTable> {
  options: ParsedOptions<T>;
  positionals: string[];
  /** --help or -h was given. */
  help: boolean;
}

/** `ephemeralGroup` → `--ephemeral-group` */
export function flagName(key: string): string {
  return '--' + key.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
}

/**
 * Parses the arguments after the command name. Accepts `--name value`, `--name=value`, `-x value`,
 * repeated list options, and `--` to end options. Throws UsageError for anything unknown or malformed.
 */
export function parseArgs<T extends OptionTable>(command: string, argv: readonly string[], table: T): ParsedArgs<T> {
  const byFlag = new Map<string, string>();
  for (const key of Object.keys(table)) {
    byFlag.set(flagName(key), key);
    const short = table[key]!.short;
    if (short !== undefined) byFlag.set('-' + short, key);
  }
  const values: Record<string, unknown> = {};
  for (const key of Object.keys(table)) {
    const kind = table[key]!.kind;
    values[key] = kind === 'flag' ? false : kind === 'strings' ? [] : undefined;
  }
  const positionals: string[] = [];
  let help = false;
  let onlyPositionals = false;

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (onlyPositionals || !arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPositionals = true;
      continue;
    }
    if (arg === '--help' || arg === '-h') {
      help = true;
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq === -1 ? arg : arg.slice(0, eq);
    const key = byFlag.get(flag);
    if (key === undefined) {
      // Only the option's name is echoed: `-pSecret` or `--password=...` must not print the value.
      const shown = flag.startsWith('--') ? flag : flag.slice(0, 2);
      throw new UsageError('pm-cognito ' + command + ': unknown option ' + shown + ': run pm-cognito ' + command + ' --help to see the options');
    }
    const spec = table[key]!;
    if (spec.kind === 'flag') {
      if (eq !== -1) throw new UsageError('pm-cognito ' + command + ': ' + flag + ' takes no value: write just ' + flag);
      values[key] = true;
      continue;
    }
    let value: string;
    if (eq !== -1) {
      value = arg.slice(eq + 1);
    } else {
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith('-') && next !== '-' && byFlagOrHelp(byFlag, next))) {
        throw new UsageError('pm-cognito ' + command + ': ' + flag + ' needs a value ' + (spec.value ?? '') + ': write ' + flag + ' ' + (spec.value ?? '<value>'));
      }
      value = next;
      i++;
    }
    if (spec.kind === 'strings') {
      (values[key] as string[]).push(value);
    } else if (spec.kind === 'integer') {
      if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
        throw new UsageError('pm-cognito ' + command + ': ' + flag + ' is "' + value + '": give a whole number, e.g. ' + flag + ' 5');
      }
      values[key] = Number(value);
    } else {
      if (values[key] !== undefined) throw new UsageError('pm-cognito ' + command + ': ' + flag + ' is given twice: give it once');
      values[key] = value;
    }
  }
  return { options: values as ParsedOptions<T>, positionals, help };
}

function byFlagOrHelp(byFlag: Map<string, string>, arg: string): boolean {
  const flag = arg.startsWith('--') && arg.includes('=') ? arg.slice(0, arg.indexOf('=')) : arg;
  return byFlag.has(flag) || flag === '--help' || flag === '-h' || flag === '--';
}

/** Help lines for an option table, aligned. */
export function describeOptions(table: OptionTable): string {
  const rows = Object.keys(table).map((key) => {
    const spec = table[key]!;
    const names = (spec.short !== undefined ? '-' + spec.short + ', ' : '    ') + flagName(key) + (spec.value !== undefined ? ' ' + spec.value : '');
    return [names, spec.help + (spec.kind === 'strings' ? ' (repeatable)' : '')] as const;
  });
  rows.push(['-h, --help', 'Show this help']);
  const width = Math.max(...rows.map(([names]) => names.length)) + 2;
  return rows.map(([names, text]) => '  ' + names.padEnd(width) + text).join('\n');
}

/** A command (or subcommand) word: none prints `help` as bad usage, `--help`, `-h` or `help` prints it as asked; else undefined. */
export function helpForWord(word: string | undefined, help: string, io: CliIo): number | undefined {
  if (word === undefined) {
    io.err(help);
    return EXIT.usage;
  }
  if (word === '--help' || word === '-h' || word === 'help') {
    io.out(help);
    return EXIT.ok;
  }
  return undefined;
}

/** Prints a command's help (asked for with --help); its exit code. */
export function printed(io: CliIo, help: string): number {
  io.out(help);
  return EXIT.ok;
}
