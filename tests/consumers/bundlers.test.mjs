// The packed package in a fresh app (bundlers/app/) with each bundler, production build and dev
// build or dev server, opened in headless Chromium: the app declares a table in IndexedDB,
// writes and queries it. Vite and webpack get no option about pocketdynamo; esbuild gets the one
// line the README gives for it. No build may contain the Node-only storage code. Last, the
// README's module worker (bundlers/worker-app/) built by Vite 8.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser } from '../support/browser.mjs';
import { installPackedPackage } from './pack.mjs';
import {
  esbuildBuild, esbuildServe, nodeOnlyFiles, runFixture, serveStatic, viteBuild, viteDev, webpackBuild, workerAppDir,
} from './support.mjs';

await installPackedPackage();
const { context } = await launchBrowser();
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-bundlers-'));
test.after(async () => {
  await context.close();
  fs.rmSync(scratch, { recursive: true, force: true });
});

async function assertAppRuns(url, t) {
  const { result, errors, downloads } = await runFixture(context, url);
  assert.deepEqual(errors, []);
  assert.equal(result.error, undefined);
  // Its note, and those an earlier run left in IndexedDB (dev servers of each Vite share a port).
  assert.ok(result.texts.length >= 1 && result.texts.every((text) => text === 'hello'), JSON.stringify(result));
  const gzipped = downloads.reduce((sum, download) => sum + download.gzipped, 0);
  t.diagnostic(`downloaded ${downloads.length} files, ${(gzipped / 1024).toFixed(1)} KB gzipped`);
}

async function assertBuildRuns(outDir, t) {
  assert.deepEqual(nodeOnlyFiles(outDir), [], 'no Node-only chunk in the browser build');
  const site = await serveStatic(outDir);
  try {
    await assertAppRuns(site.url, t);
  } finally {
    await site.close();
  }
}

for (const vite of ['vite5', 'vite7', 'vite8']) {
  const settings = vite === 'vite8' ? 'no configuration' : "the README's one line (worker.format 'es')";
  test(`${vite}: a production build with ${settings} runs the app`, async (t) => {
    await assertBuildRuns(await viteBuild(vite, path.join(scratch, vite)), t);
  });

  test(`${vite}: the dev server (pre-bundling the package) runs the app with no configuration`, async (t) => {
    const server = await viteDev(vite);
    try {
      await assertAppRuns(server.url, t);
    } finally {
      await server.close();
    }
  });
}

for (const mode of ['production', 'development']) {
  test(`webpack 5 (${mode}): a build with only entry and output runs the app`, async (t) => {
    await assertBuildRuns(await webpackBuild(mode, path.join(scratch, `webpack-${mode}`)), t);
  });
}

for (const minify of [true, false]) {
  test(`esbuild (${minify ? 'minified' : 'not minified'}): the app with the wasm imported as a file runs`, async (t) => {
    await assertBuildRuns(await esbuildBuild(minify, path.join(scratch, `esbuild-${minify}`)), t);
  });
}

test("esbuild's dev server (serve) runs the app with the same line", async (t) => {
  const server = await esbuildServe(path.join(scratch, 'esbuild-serve'));
  try {
    await assertAppRuns(server.url, t);
  } finally {
    await server.close();
  }
});

test("vite8: the README's module worker opens the database and answers the page's query", async (t) => {
  await assertBuildRuns(await viteBuild('vite8', path.join(scratch, 'vite8-worker'), workerAppDir), t);
});
