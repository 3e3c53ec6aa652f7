// The wasm build's JavaScript glue, as linked with -sDYNAMIC_EXECUTION=0 so that it loads under a
// Content-Security-Policy without 'unsafe-eval' (tests/browser/csp.test.mjs runs it there): it
// never builds code from a string, and its call wrappers (closures that keep their argument
// arrays between calls, in Emscripten 3.1.6) answer correctly after a call they refused.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';

const dist = new URL('../../web/dist/', import.meta.url);
const glue = fs.readFileSync(new URL('pocketdynamo.js', dist), 'utf8');

test('the glue builds no code from a string (no new Function, no eval)', () => {
  assert.deepEqual(glue.match(/new Function|\bFunction\(|\beval\(/g) ?? [], []);
});

// execute() answers the response body (or, once the binding returns { ok, body, wrote }, that object).
const bodyOf = (answer) => JSON.parse(typeof answer === 'string' ? answer : answer.body);

test('after calls the binding refused (a wrong type, a missing argument) the next calls answer', async () => {
  const { default: createPocketDynamoModule } = await import(new URL('pocketdynamo.js', dist));
  const module = await createPocketDynamoModule({ wasmBinary: fs.readFileSync(new URL('pocketdynamo.wasm', dist)) });
  const engine = new module.Engine();
  try {
    assert.throws(() => engine.execute('ListTables', 42), { name: 'BindingError', message: /non-string/ });
    assert.throws(() => engine.execute('ListTables'), { name: 'BindingError', message: /called with 1 arguments, expected 2/ });
    const table = {
      TableName: 'Things',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    };
    assert.equal(bodyOf(engine.execute('CreateTable', JSON.stringify(table))).TableDescription.TableName, 'Things');
    assert.throws(() => engine.execute('PutItem', { TableName: 'Things' }), { name: 'BindingError' });
    assert.deepEqual(bodyOf(engine.execute('PutItem', JSON.stringify({ TableName: 'Things', Item: { id: { S: 'a' }, v: { S: 'é' } } }))), {});
    assert.deepEqual(bodyOf(engine.execute('GetItem', JSON.stringify({ TableName: 'Things', Key: { id: { S: 'a' } } }))),
      { Item: { id: { S: 'a' }, v: { S: 'é' } } });
  } finally {
    engine.delete();
  }
});
