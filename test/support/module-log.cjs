// Preloaded with `node --require`: writes the packages a process loaded (one a line) to MODULE_LOG when it exits.
const Module = require('node:module');
const { appendFileSync } = require('node:fs');
const loaded = new Set();
const original = Module._load;
Module._load = function load(request, ...rest) {
  if (!request.startsWith('.') && !request.startsWith('/') && !request.startsWith('node:')) loaded.add(request.startsWith('@') ? request.split('/').slice(0, 2).join('/') : request.split('/')[0]);
  return original.call(this, request, ...rest);
};
process.on('exit', () => appendFileSync(process.env.MODULE_LOG, [...loaded].join('\n') + '\n'));
