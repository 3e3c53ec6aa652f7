// Loads the JSON case files of tests/cases and replays them against anything with an
// `execute(operation, body) -> responseText` method (see tests/cases/README.md).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runScenario } from './case-runner.mjs';

export { compareJson, runScenario } from './case-runner.mjs';

export const casesDir = fileURLToPath(new URL('../cases/', import.meta.url));

export function listCaseFiles(dir = casesDir) {
  const files = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...listCaseFiles(full));
    else if (entry.name.endsWith('.json')) files.push(full);
  }
  return files.sort();
}

// Replays one case file; `execute` returns the response body text. Returns '' on success.
export function runCase(file, execute) {
  return runScenario(JSON.parse(fs.readFileSync(file, 'utf8')), execute);
}
