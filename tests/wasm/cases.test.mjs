// Every case file in tests/cases, replayed through the wasm build in Node.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { listCaseFiles, casesDir, runCase } from '../support/cases.mjs';

const dist = new URL('../../web/dist/', import.meta.url);
const { default: createPocketDynamoModule } = await import(new URL('pocketdynamo.js', dist));
const module = await createPocketDynamoModule({
  wasmBinary: fs.readFileSync(new URL('pocketdynamo.wasm', dist)),
});
// PartiQL: its own module, which runs its statements' requests on the engine (as the package does).
const { default: createPartiqlModule } = await import(new URL('pocketdynamo-partiql.js', dist));
const partiql = await createPartiqlModule({
  wasmBinary: fs.readFileSync(new URL('pocketdynamo-partiql.wasm', dist)),
});
const PARTIQL = new Set(['ExecuteStatement', 'BatchExecuteStatement', 'ExecuteTransaction']);

const files = listCaseFiles();
test('the case files are there', () => assert.ok(files.length > 0));

for (const file of files) {
  test(path.relative(casesDir, file), async () => {
    const engine = new module.Engine();
    try {
      const execute = (op, body) => engine.execute(op, body);
      assert.equal(await runCase(file, (op, body) => (PARTIQL.has(op) ? partiql.execute(op, body, execute) : execute(op, body))), '');
    } finally {
      engine.delete();
    }
  });
}
