// Puts the built script into a collection's pre-request event between markers, keeping any other code there.

export const BEGIN_MARKER = '// >>> pm-cognito (managed by `npm run build`; edit outside these markers)';
export const END_MARKER = '// <<< pm-cognito';

interface CollectionEvent {
  listen: string;
  script?: { type?: string; exec?: string[] | string };
  [key: string]: unknown;
}

/** Returns the collection JSON text with the script installed; the same text when already current. */
export function installScript(collectionText: string, script: string): string {
  const collection = JSON.parse(collectionText) as { event?: CollectionEvent[]; [key: string]: unknown };
  const events = collection.event ?? (collection.event = []);
  let event = events.find((e) => e.listen === 'prerequest');
  if (!event) {
    event = { listen: 'prerequest', script: { type: 'text/javascript', exec: [] } };
    events.unshift(event);
  }
  const scriptObject = event.script ?? (event.script = { type: 'text/javascript', exec: [] });
  const exec = scriptObject.exec;
  const lines = Array.isArray(exec) ? exec.join('\n').split('\n') : typeof exec === 'string' ? exec.split('\n') : [];
  const begin = lines.indexOf(BEGIN_MARKER);
  const end = lines.indexOf(END_MARKER);
  const block = [BEGIN_MARKER, ...script.replace(/\n$/, '').split('\n'), END_MARKER];
  let next: string[];
  if (begin >= 0 && end > begin) next = [...lines.slice(0, begin), ...block, ...lines.slice(end + 1)];
  else next = [...block, ...(lines.length === 1 && lines[0] === '' ? [] : lines)];
  // One element, not one per line: newman's cost per script run grows with the number of exec
  // elements (about 3.6 ms per request for this script as 1,700 lines; see docs/benchmarks.md).
  // The Postman app shows the same text either way.
  scriptObject.exec = [next.join('\n')];
  scriptObject.type = 'text/javascript';
  return JSON.stringify(collection, null, 2) + '\n';
}
