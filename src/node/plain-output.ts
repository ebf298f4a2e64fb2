// Keeps newman's live output readable in a CI log: no ANSI codes and no padding when stdout is not a terminal.
//
// newman disables its own colours off a TTY, but its failure table (cli-table3, which colours with its own copy of
// the colours library and sizes columns to the longest cell) still sends red/grey codes and pads every line to the
// longest message: newman 6.2.2 offers no reporter option for that table, so its output is cleaned on the way out.

const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

/** Text without ANSI escapes and without spaces before each line end; `pending` holds spaces that may end a line. */
export function cleanChunk(pending: string, chunk: string): { text: string; pending: string } {
  const text = (pending + chunk.replace(ANSI, '')).replace(/[ \t]+(?=\r?\n)/g, '');
  const tail = /[ \t]+$/.exec(text);
  return tail === null ? { text, pending: '' } : { text: text.slice(0, tail.index), pending: tail[0] };
}

/**
 * While a run prints to a non-TTY stdout, passes what is written there through cleanChunk. Returns the function
 * that restores stdout (spaces held back at the very end are dropped: they could only pad a line). On a terminal
 * it changes nothing.
 */
export function plainStdoutWhenPiped(stream: NodeJS.WriteStream = process.stdout): () => void {
  if (stream.isTTY === true) return () => undefined;
  const original = stream.write;
  let pending = '';
  const write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]): boolean {
    if (typeof chunk !== 'string' && !(chunk instanceof Uint8Array)) return (original as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    const cleaned = cleanChunk(pending, text);
    pending = cleaned.pending;
    // Always forwarded, even when empty, so a callback among `rest` is still called.
    return (original as (...a: unknown[]) => boolean).call(this, cleaned.text, ...rest.filter((r) => typeof r === 'function'));
  };
  stream.write = write as typeof stream.write;
  return () => {
    if (stream.write === (write as typeof stream.write)) stream.write = original;
  };
}
