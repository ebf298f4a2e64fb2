// A whole-number command-line option of a benchmark script, e.g. `--rounds 10`.

/** The number after `name` in this process's arguments, or `fallback` when the option is absent. */
export function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const value = i === -1 ? fallback : Number(process.argv[i + 1]);
  if (!Number.isInteger(value) || value < 1) throw new Error('bench: ' + name + ' needs a whole number');
  return value;
}
