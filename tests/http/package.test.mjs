// Packaging of the server: its own export path and declarations, the `pocketdynamo` bin, and a
// browser entry point whose import graph never reaches the server or a Node built-in.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as server from 'pocketdynamo/server';

const web = fileURLToPath(new URL('../../web/', import.meta.url));
const pkg = JSON.parse(fs.readFileSync(path.join(web, 'package.json'), 'utf8'));

test('pocketdynamo/server is an export path with declarations naming exactly its exports', () => {
  for (const file of Object.values(pkg.exports['./server'])) assert.ok(fs.existsSync(path.join(web, file)), file);
  const declarations = fs.readFileSync(path.join(web, 'src/server/index.d.ts'), 'utf8');
  const declared = [...declarations.matchAll(/^export (?:declare )?(?:class|function|const) (\w+)/gm)].map((match) => match[1]);
  assert.deepEqual([...new Set(declared)].sort(), Object.keys(server).sort());
});

test('the bin is web/bin/pocketdynamo.js, shipped and executable', () => {
  assert.deepEqual(pkg.bin, { pocketdynamo: './bin/pocketdynamo.js' });
  const bin = path.join(web, 'bin/pocketdynamo.js');
  assert.match(fs.readFileSync(bin, 'utf8'), /^#!\/usr\/bin\/env node\n/);
  assert.ok(fs.statSync(bin).mode & 0o111, 'executable');
  assert.ok(pkg.files.includes('bin/'));
});

// Static imports (import ... from './x.js' and export ... from './x.js') of a module, resolved.
function importsOf(file) {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/^(?:import|export)\s[\w\s{},*$]*?from\s*['"]([^'"]+)['"]/gm)].map((match) => match[1]);
}

for (const entry of ['src/index.js', 'src/client.js']) {
  test(`${entry} never imports the server or a Node built-in (bundles stay free of node:http)`, () => {
    const seen = new Set();
    const pending = [path.join(web, entry)];
    while (pending.length) {
      const file = pending.pop();
      if (seen.has(file)) continue;
      seen.add(file);
      for (const specifier of importsOf(file)) {
        assert.ok(specifier.startsWith('.'), `${path.relative(web, file)} imports ${specifier}`);
        pending.push(path.resolve(path.dirname(file), specifier));
      }
    }
    assert.ok(seen.has(path.join(web, 'src/request-handler.js')));
    for (const file of seen) assert.ok(!file.includes(`${path.sep}server${path.sep}`), `${file} is server code`);
  });
}
