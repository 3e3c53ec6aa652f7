// The shipped declarations name exactly the values each entry point exports (no TypeScript
// compiler is installed here, so this checks names, not types).
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import * as main from 'pocketdynamo';
import * as client from 'pocketdynamo/client';

const source = (file) => fs.readFileSync(new URL(`../../web/src/${file}`, import.meta.url), 'utf8');

function declaredValues(text) {
  const names = new Set();
  for (const [, name] of text.matchAll(/^export (?:declare )?(?:class|function|const) (\w+)/gm)) names.add(name);
  return names;
}

test('index.d.ts declares every runtime export of pocketdynamo, and nothing else', () => {
  assert.deepStrictEqual([...declaredValues(source('index.d.ts'))].sort(), Object.keys(main).sort());
});

test('client.d.ts declares every runtime export of pocketdynamo/client', () => {
  const text = source('client.d.ts');
  const reexported = text.match(/export \{([\s\S]*?)\} from '\.\/index\.js';/)[1].split(',').map((name) => name.trim()).filter(Boolean);
  const values = new Set([...declaredValues(text), ...reexported.filter((name) => name in main)]);
  assert.deepStrictEqual([...values].sort(), Object.keys(client).sort());
  const indexNames = new Set([...source('index.d.ts').matchAll(/^export (?:declare )?(?:class|function|const|type|interface) (\w+)/gm)].map((m) => m[1]));
  for (const name of reexported) assert.ok(indexNames.has(name), `${name} is declared in index.d.ts`);
});

test('package.json points at the entry points and their declarations', () => {
  const pkg = JSON.parse(fs.readFileSync(new URL('../../web/package.json', import.meta.url), 'utf8'));
  for (const entry of ['.', './client']) {
    for (const file of Object.values(pkg.exports[entry])) assert.ok(fs.existsSync(new URL(`../../web/${file}`, import.meta.url)), file);
  }
  assert.deepStrictEqual(pkg.dependencies ?? {}, {});
  assert.equal(pkg.peerDependencies, undefined);
});
