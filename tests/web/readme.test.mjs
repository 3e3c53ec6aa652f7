// (e) The README's quick start, run as written. Its numbered steps run in one shared scope; each
// step is reported as its own test.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import * as pocketdynamo from 'pocketdynamo';

const readme = fs.readFileSync(new URL('../../web/README.md', import.meta.url), 'utf8');
const block = readme.slice(readme.indexOf('## Quick start')).match(/```js\n([\s\S]*?)```/)[1];

// `import { A, B } from 'pocketdynamo';` becomes parameters A and B.
const importLine = block.match(/^import \{([^}]*)\} from 'pocketdynamo';\n/m);
const names = importLine[1].split(',').map((name) => name.trim()).filter(Boolean);
const code = block.replace(importLine[0], '');

// Steps start at comments like "// 1. Open a database". Top-level const becomes var so that each
// step can sit in its own try block and still share names with later steps.
const steps = code.split(/^(?=\/\/ \d+\. )/m).filter((part) => part.trim()).map((part) => ({
  title: part.split('\n')[0].replace(/^\/\/ /, ''),
  code: part.replace(/^const /gm, 'var '),
}));

const outcomes = steps.map(() => ({ logs: [], error: undefined }));
const AsyncFunction = (async () => {}).constructor;
const body = steps.map((step, i) => `__step(${i});\ntry {\n${step.code}\n} catch (error) { __fail(${i}, error); }`).join('\n');
let current = 0;
const run = new AsyncFunction('__step', '__fail', 'console', ...names, body);
const quietConsole = { log: (...args) => outcomes[current].logs.push(args) };
await run((i) => { current = i; }, (i, error) => { outcomes[i].error = error; }, quietConsole,
  ...names.map((name) => pocketdynamo[name]));

test('the quick start has its five steps', () => {
  assert.deepStrictEqual(steps.map((step) => step.title.slice(0, 2)), ['1.', '2.', '3.', '4.', '5.']);
});

const expectedLogs = {
  3: [[{ user: 'ada', created: 1, text: 'hello', tags: new Set(['intro']) }]],
  4: [[['again', 'hello']]],
};

steps.forEach((step, i) => {
  const { error, logs } = outcomes[i];
  test(`README quick start: ${step.title}`, () => {
    if (error) throw error;
    const expected = expectedLogs[i + 1];
    if (expected) assert.deepStrictEqual(logs, expected);
  });
});
