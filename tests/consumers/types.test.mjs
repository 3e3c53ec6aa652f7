// tsc --strict on code that uses the packed package, once per module resolution (types/<mode>/
// tsconfig.json): node10 (the default of many setups: pocketdynamo/client through typesVersions),
// nodenext and bundler (with DynamoDB-Toolbox, ElectroDB and the AWS SDK's commands: libraries.ts).
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { consumersDir, installPackedPackage } from './pack.mjs';

await installPackedPackage();
const tsc = path.join(consumersDir, 'node_modules', 'typescript', 'bin', 'tsc');

const modes = {
  node10: 'resolves pocketdynamo, pocketdynamo/client and pocketdynamo/server, and the README example type-checks',
  nodenext: 'the DocumentClient fits DynamoDB-Toolbox, ElectroDB and lib-dynamodb, and send types the AWS SDK commands',
  bundler: 'the DocumentClient fits DynamoDB-Toolbox, ElectroDB and lib-dynamodb, and send types the AWS SDK commands',
};

for (const [mode, what] of Object.entries(modes)) {
  test(`tsc --strict, moduleResolution ${mode}: ${what}`, async () => {
    const project = path.join(consumersDir, 'types', mode);
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [tsc, '-p', project, '--pretty', 'false'])
      .catch((error) => error);
    assert.equal(`${stdout}${stderr}`, '', 'tsc reports no error');
  });
}
