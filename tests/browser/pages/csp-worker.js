// A module Worker an app might write: runs one scenario export (message { scenario, name, arg })
// and posts back { result, violations } or { error }. Violations in a worker fire on the
// worker; before answering it waits for them as csp-violations.js does on the page.
const ownFile = import.meta.url;
const violations = [];
let sentinelSeen = null;
self.addEventListener('securitypolicyviolation', (event) => {
  if (event.sourceFile === ownFile) {
    sentinelSeen?.();
    return;
  }
  const text = `${event.violatedDirective} blocked ${event.blockedURI || 'inline'} at ${event.sourceFile}:${event.lineNumber}`;
  violations.push(text);
  console.error(`CSP violation in a worker: ${text}`);
});
const settle = () => new Promise((resolve) => {
  sentinelSeen = resolve;
  try {
    new Function('');
  } catch {
    // refused, as the policy says: the report is what we wait for
  }
});

self.onmessage = async ({ data: { scenario, name, arg } }) => {
  let answer;
  try {
    answer = { result: await (await import(scenario))[name](arg) };
  } catch (error) {
    answer = { error: `${error?.name}: ${error?.message}` };
  }
  await settle();
  self.postMessage({ ...answer, violations });
};
