// Serves the repository, opens one benchmark page in headless Chromium once it says it is
// ready (window.benchmarkReady), and hands it to `body` with the browser's version.
import { launchBrowser, startServer } from '../../tests/support/browser.mjs';

export async function withBenchPage(pagePath, body) {
  const server = await startServer();
  const { context } = await launchBrowser();
  try {
    const page = await context.newPage();
    await page.goto(`${server.origin}/${pagePath}`);
    await page.waitForFunction(() => window.benchmarkReady === true);
    const version = await page.evaluate(() => navigator.userAgent.match(/Chrome\/[\d.]+/)?.[0]);
    return await body(page, version);
  } finally {
    await context.close();
    await server.close();
  }
}
