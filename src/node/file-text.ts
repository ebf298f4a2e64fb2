// A collection file's bytes as editable text that turns back into the very same bytes, even when they are not UTF-8.

/**
 * How a file's bytes became text: 'utf8' when they are valid UTF-8 (the usual case), else 'latin1',
 * where each byte is one character, so that a stray Latin-1 byte outside the script survives an edit.
 */
export type TextBytes = 'utf8' | 'latin1';

export interface FileText {
  text: string;
  bytes: TextBytes;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function decodeFileText(buffer: Uint8Array): FileText {
  try {
    return { text: strictUtf8.decode(buffer), bytes: 'utf8' };
  } catch {
    return { text: Buffer.from(buffer).toString('latin1'), bytes: 'latin1' };
  }
}

export function encodeFileText(file: FileText): Buffer {
  return Buffer.from(file.text, file.bytes);
}

/** Unicode text (the built script, code to write) in the file's text space. */
export function toFileSpace(unicode: string, bytes: TextBytes): string {
  return bytes === 'utf8' ? unicode : Buffer.from(unicode, 'utf8').toString('latin1');
}

/**
 * Text taken from the file (a JSON string literal, a YAML block) as Unicode; undefined when, in a
 * file that is not UTF-8, that part is not UTF-8 either (then it cannot be edited without guessing).
 */
export function fromFileSpace(text: string, bytes: TextBytes): string | undefined {
  if (bytes === 'utf8') return text;
  // eslint-disable-next-line no-control-regex
  if (/[^\u0000-\u00ff]/.test(text)) return undefined;
  try {
    return strictUtf8.decode(Buffer.from(text, 'latin1'));
  } catch {
    return undefined;
  }
}

/** The line ending the file uses: the one its first line ends with ('\n' when it has one line). */
export function lineEndingOf(text: string): '\n' | '\r\n' {
  const first = text.indexOf('\n');
  return first > 0 && text[first - 1] === '\r' ? '\r\n' : '\n';
}
