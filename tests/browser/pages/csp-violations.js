// Keeps every Content-Security-Policy violation of the page, and reports each as a console
// error so that the test sees it even across a reload. cspSettle() resolves once every
// violation so far has been reported (the events arrive after the code that caused them): it
// causes one of its own, from this file, which is reported after them and not kept.
const ownFile = document.currentScript.src;
let sentinelSeen = null;
window.cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  if (event.sourceFile === ownFile) {
    sentinelSeen?.();
    return;
  }
  const text = `${event.violatedDirective} blocked ${event.blockedURI || 'inline'} at ${event.sourceFile}:${event.lineNumber}`;
  window.cspViolations.push(text);
  console.error(`CSP violation: ${text}`);
});
window.cspSettle = () => new Promise((resolve) => {
  sentinelSeen = resolve;
  try {
    new Function('');
  } catch {
    // refused, as the policy says: the report is what we wait for
  }
});
