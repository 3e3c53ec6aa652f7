// Replays a parsed case file of tests/cases (see tests/cases/README.md) against anything with an
// `execute(operation, body) -> responseText`. No Node module: headless Chromium pages run it too
// (tests/browser/worker-cases.test.mjs); cases.mjs reads the files in Node.

const SET_TYPES = new Set(['SS', 'NS', 'BS']);

// ["$UNORDERED", a, b, ...]: `actual` holds a, b, ... in any order.
function compareUnordered(expected, actual, where) {
  if (expected.length !== actual.length) return `${where}: expected ${expected.length} elements, got ${JSON.stringify(actual)}`;
  const used = new Array(actual.length).fill(false);
  for (const element of expected) {
    const j = actual.findIndex((candidate, k) => !used[k] && compareJson(element, candidate, where) === '');
    if (j < 0) return `${where}: no element matches ${JSON.stringify(element)} in ${JSON.stringify(actual)}`;
    used[j] = true;
  }
  return '';
}

// Returns '' when `actual` matches `expected`, else where and how they differ.
export function compareJson(expected, actual, where = '$') {
  if (expected === '$ANY') return '';
  if (expected === '$NUMBER') return typeof actual === 'number' ? '' : `${where}: expected a number, got ${JSON.stringify(actual)}`;
  if (expected === '$STRING') return typeof actual === 'string' ? '' : `${where}: expected a string, got ${JSON.stringify(actual)}`;
  const differ = () => `${where}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return differ();
    const key = where.slice(where.lastIndexOf('.') + 1);
    if (SET_TYPES.has(key)) {
      const sort = (list) => list.map((v) => JSON.stringify(v)).sort();
      return JSON.stringify(sort(expected)) === JSON.stringify(sort(actual)) ? '' : differ();
    }
    if (expected[0] === '$UNORDERED') return compareUnordered(expected.slice(1), actual, where);
    if (expected.length !== actual.length) return differ();
    for (let i = 0; i < expected.length; i++) {
      const difference = compareJson(expected[i], actual[i], `${where}[${i}]`);
      if (difference) return difference;
    }
    return '';
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return differ();
    for (const key of Object.keys(expected)) {
      if (!(key in actual)) return `${where}: missing key "${key}"`;
      const difference = compareJson(expected[key], actual[key], `${where}.${key}`);
      if (difference) return difference;
    }
    for (const key of Object.keys(actual)) {
      if (!(key in expected)) return `${where}: unexpected key "${key}": ${JSON.stringify(actual[key])}`;
    }
    return '';
  }
  return expected === actual ? '' : differ();
}

// "${name}" strings in a step stand for a value an earlier step saved (see README.md).
function substitute(value, saved) {
  if (typeof value === 'string') {
    const match = /^\$\{(.+)\}$/.exec(value);
    return match && saved.has(match[1]) ? saved.get(match[1]) : value;
  }
  if (Array.isArray(value)) return value.map((element) => substitute(element, saved));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, member]) => [key, substitute(member, saved)]));
  }
  return value;
}

// A dotted path into a response ("Shards.0.ShardId"); undefined when absent.
const valueAt = (root, path) => path.split('.').reduce((node, part) => (node == null ? undefined : node[part]), root);

// Replays one case (the parsed file); `execute` returns the response body text. Returns '' on success.
export async function runScenario(scenario, execute) {
  const saved = new Map();
  for (const [index, rawStep] of scenario.steps.entries()) {
    const step = substitute(rawStep, saved);
    const where = `step ${index + 1} (${step.op})`;
    const body = 'body' in step ? step.body : JSON.stringify(step.request);
    const answer = await execute(step.op, body);
    // A front end answers the body text, or the engine's response { ok, body, wrote }, whose ok
    // bit must say what the body says.
    const text = typeof answer === 'string' ? answer : answer.body;
    const actual = JSON.parse(text);
    const failed = typeof actual.__type === 'string';
    if (typeof answer !== 'string' && answer.ok === failed) return `${where}: ok is ${answer.ok} for ${text}`;
    if (step.error) {
      if (!failed) return `${where}: expected an error, got ${text}`;
      const name = actual.__type.slice(actual.__type.indexOf('#') + 1);
      if (name !== step.error.type) return `${where}: expected ${JSON.stringify(step.error)}, got ${text}`;
      const message = actual.message ?? actual.Message ?? '';
      if ('message' in step.error && message !== step.error.message) {
        return `${where}: expected message ${JSON.stringify(step.error.message)}, got ${JSON.stringify(message)}`;
      }
      for (const [key, value] of Object.entries(step.error.members ?? {})) {
        if (!(key in actual)) return `${where}: error body has no "${key}"`;
        const difference = compareJson(value, actual[key], `$.${key}`);
        if (difference) return `${where}: ${difference}`;
      }
      continue;
    }
    if (failed) return `${where}: unexpected error ${text}`;
    if (step.response) {
      const difference = compareJson(step.response, actual);
      if (difference) return `${where}: ${difference}`;
    }
    for (const [name, at] of Object.entries(step.save ?? {})) {
      const value = valueAt(actual, at);
      if (value === undefined || value === null) return `${where}: nothing to save at ${JSON.stringify(at)}`;
      saved.set(name, value);
    }
  }
  return '';
}
