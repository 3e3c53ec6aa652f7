// (a) Every case file in tests/cases, replayed through the pocketdynamo package's public path
// (PocketDynamo.open + db.send per step), one fresh database per case.
import test from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { PocketDynamo } from 'pocketdynamo';
import { casesDir, listCaseFiles, runCase } from '../support/cases.mjs';
import { packageExecute } from '../support/package-execute.mjs';

const files = listCaseFiles();
test('the case files are there', () => assert.ok(files.length > 0));

for (const file of files) {
  test(path.relative(casesDir, file), async () => {
    const db = await PocketDynamo.open({ name: path.basename(file), storage: 'memory' });
    try {
      assert.equal(await runCase(file, packageExecute(db)), '');
    } finally {
      await db.close();
    }
  });
}
