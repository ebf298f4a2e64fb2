// A strict parser for the XML subset JUnit files use: shared by unit tests (postman-cli-output) and the integration harness.

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) =>
    e.startsWith('#x') ? String.fromCodePoint(parseInt(e.slice(2), 16)) : e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : ENTITIES[e]!);
}

/**
 * A strict parser for the XML subset JUnit files use (declaration, elements, attributes, text, CDATA,
 * comments). Throws on anything malformed: unclosed or crossed tags, bad attributes, a stray '<' or '&'.
 */
export function parseXml(xml: string): XmlElement {
  let i = 0;
  const fail = (why: string): never => { throw new Error('malformed XML at ' + i + ': ' + why + ' near ' + JSON.stringify(xml.slice(i, i + 40))); };
  const skipSpace = () => { while (i < xml.length && /\s/.test(xml[i]!)) i++; };
  if (xml.startsWith('<?xml')) {
    i = xml.indexOf('?>');
    if (i === -1) fail('unterminated declaration');
    i += 2;
  }
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  for (;;) {
    if (stack.length === 0) {
      skipSpace();
      if (i >= xml.length) break;
      if (root !== undefined) fail('content after the root element');
    }
    if (i >= xml.length) fail('unexpected end, <' + stack[stack.length - 1]!.name + '> not closed');
    if (xml.startsWith('<![CDATA[', i)) {
      const end = xml.indexOf(']]>', i);
      if (end === -1) fail('unterminated CDATA');
      if (stack.length === 0) fail('CDATA outside the root');
      stack[stack.length - 1]!.text += xml.slice(i + 9, end);
      i = end + 3;
    } else if (xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i);
      if (end === -1) fail('unterminated comment');
      i = end + 3;
    } else if (xml.startsWith('</', i)) {
      const match = /^<\/([A-Za-z_][\w.-]*)\s*>/.exec(xml.slice(i));
      if (!match) fail('bad closing tag');
      const open = stack.pop();
      if (open === undefined || open.name !== match![1]) fail('closing </' + match![1] + '> does not match <' + (open?.name ?? '') + '>');
      i += match![0].length;
      if (stack.length === 0) root = open;
    } else if (xml[i] === '<') {
      const name = /^<([A-Za-z_][\w.-]*)/.exec(xml.slice(i));
      if (!name) fail('bad tag');
      i += name![0].length;
      const element: XmlElement = { name: name![1]!, attributes: {}, children: [], text: '' };
      for (;;) {
        skipSpace();
        if (xml.startsWith('/>', i) || xml[i] === '>') break;
        const attribute = /^([A-Za-z_][\w.:-]*)\s*=\s*"([^"<]*)"/.exec(xml.slice(i));
        if (!attribute) fail('bad attribute');
        if (attribute![1]! in element.attributes) fail('duplicate attribute ' + attribute![1]);
        if (/&(?!(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(attribute![2]!)) fail('bare & in attribute');
        element.attributes[attribute![1]!] = decode(attribute![2]!);
        i += attribute![0].length;
      }
      if (stack.length > 0) stack[stack.length - 1]!.children.push(element);
      else if (root !== undefined) fail('second root element');
      if (xml.startsWith('/>', i)) {
        i += 2;
        if (stack.length === 0) root = element;
      } else {
        i += 1;
        stack.push(element);
      }
    } else {
      const end = xml.indexOf('<', i);
      const text = xml.slice(i, end === -1 ? xml.length : end);
      if (stack.length === 0 && text.trim() !== '') fail('text outside the root');
      if (/&(?!(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(text)) fail('bare &');
      if (stack.length > 0) stack[stack.length - 1]!.text += decode(text);
      i = end === -1 ? xml.length : end;
    }
  }
  if (root === undefined) fail('no root element');
  return root!;
}
