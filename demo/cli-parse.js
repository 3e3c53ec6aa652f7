// Parses an `aws dynamodb create-table ...` command (as pasted from a terminal or the AWS docs)
// into the CreateTable request it would send: shell quoting and line continuations, the CLI's
// shorthand syntax (AttributeName=Id,AttributeType=S ...), JSON values and --cli-input-json.
// Pure functions, no DOM: the Node tests import this file directly.

/** An error in the pasted command, named like the AWS CLI's own parameter errors. */
export class CliParseError extends Error {
  constructor(message) {
    super(message);
    this.name = 'ParamValidation';
  }
}

// create-table's options: CLI name -> [request member, kind].
const CREATE_TABLE_OPTIONS = {
  'table-name': ['TableName', 'string'],
  'attribute-definitions': ['AttributeDefinitions', 'list'],
  'key-schema': ['KeySchema', 'list'],
  'local-secondary-indexes': ['LocalSecondaryIndexes', 'list'],
  'global-secondary-indexes': ['GlobalSecondaryIndexes', 'list'],
  'billing-mode': ['BillingMode', 'string'],
  'provisioned-throughput': ['ProvisionedThroughput', 'struct'],
  'stream-specification': ['StreamSpecification', 'struct'],
  'sse-specification': ['SSESpecification', 'struct'],
  'on-demand-throughput': ['OnDemandThroughput', 'struct'],
  'warm-throughput': ['WarmThroughput', 'struct'],
  tags: ['Tags', 'list'],
  'table-class': ['TableClass', 'string'],
  'resource-policy': ['ResourcePolicy', 'string'],
};
const CREATE_TABLE_FLAGS = {
  'deletion-protection-enabled': ['DeletionProtectionEnabled', true],
  'no-deletion-protection-enabled': ['DeletionProtectionEnabled', false],
};
// The CLI's global options, which say nothing about the request.
const GLOBAL_WITH_VALUE = new Set(['region', 'endpoint-url', 'profile', 'output', 'query', 'color',
  'ca-bundle', 'cli-read-timeout', 'cli-connect-timeout', 'cli-binary-format', 'cli-auto-prompt']);
const GLOBAL_FLAGS = new Set(['debug', 'no-verify-ssl', 'no-paginate', 'no-sign-request', 'no-cli-pager',
  'no-cli-auto-prompt', 'generate-cli-skeleton']);

// Members whose values the service model types as numbers or booleans (shorthand gives text).
const NUMBER_MEMBERS = new Set(['ReadCapacityUnits', 'WriteCapacityUnits', 'MaxReadRequestUnits',
  'MaxWriteRequestUnits', 'ReadUnitsPerSecond', 'WriteUnitsPerSecond']);
const BOOLEAN_MEMBERS = new Set(['StreamEnabled', 'Enabled', 'DeletionProtectionEnabled']);
const LIST_MEMBERS = new Set(['NonKeyAttributes', 'KeySchema', 'AttributeDefinitions', 'Tags',
  'GlobalSecondaryIndexes', 'LocalSecondaryIndexes']);

/** Splits a shell command into words: quotes, backslash escapes, and \ / ^ / ` line continuations. */
export function shellWords(text) {
  const words = [];
  let word = null;
  let i = 0;
  const src = text.replace(/\r\n?/g, '\n');
  const push = (chars) => { word = (word ?? '') + chars; };
  while (i < src.length) {
    const c = src[i];
    if (c === '\\' && src[i + 1] === '\n') { i += 2; continue; }
    if ((c === '^' || c === '`') && src[i + 1] === '\n') { i += 2; continue; }
    if (c === ' ' || c === '\t' || c === '\n') {
      if (word !== null) words.push(word);
      word = null;
      i += 1;
      continue;
    }
    if (c === "'") {
      const end = src.indexOf("'", i + 1);
      if (end < 0) throw new CliParseError('The command has an unclosed single quote');
      push(src.slice(i + 1, end));
      i = end + 1;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      let chars = '';
      while (j < src.length && src[j] !== '"') {
        if (src[j] === '\\' && j + 1 < src.length) {
          const next = src[j + 1];
          if (next === '\n') { j += 2; continue; }
          chars += '"\\$`'.includes(next) ? next : '\\' + next;
          j += 2;
        } else {
          chars += src[j];
          j += 1;
        }
      }
      if (j >= src.length) throw new CliParseError('The command has an unclosed double quote');
      push(chars);
      i = j + 1;
      continue;
    }
    if (c === '\\' && i + 1 < src.length) { push(src[i + 1]); i += 2; continue; }
    if (c === '#' && word === null) { // a comment runs to the end of the line
      const end = src.indexOf('\n', i);
      i = end < 0 ? src.length : end;
      continue;
    }
    push(c);
    i += 1;
  }
  if (word !== null) words.push(word);
  return words;
}

/**
 * Parses the CLI's shorthand syntax: `Key=Value,Other=[a,b],Nested={K=V}`.
 * A scalar followed by commas without '=' becomes a list (`NonKeyAttributes=a,b`), as in the CLI.
 */
export function parseShorthand(text) {
  let i = 0;
  const fail = (what) => {
    throw new CliParseError(`Error parsing parameter: Expected: ${what}, received: "${text.slice(i, i + 20) || 'end of input'}" at position ${i} of "${text}"`);
  };
  const skipSpace = () => { while (text[i] === ' ' || text[i] === '\n' || text[i] === '\t') i += 1; };

  function scalar(stops) {
    skipSpace();
    if (text[i] === '"' || text[i] === "'") {
      const quote = text[i];
      let value = '';
      i += 1;
      while (i < text.length && text[i] !== quote) {
        if (text[i] === '\\' && i + 1 < text.length) i += 1;
        value += text[i];
        i += 1;
      }
      if (text[i] !== quote) fail(quote);
      i += 1;
      return value;
    }
    const start = i;
    while (i < text.length && !stops.includes(text[i])) i += 1;
    return text.slice(start, i).trim();
  }

  function value(stops) {
    skipSpace();
    if (text[i] === '[') {
      i += 1;
      const items = [];
      skipSpace();
      if (text[i] === ']') { i += 1; return items; }
      for (;;) {
        items.push(value(',]'));
        skipSpace();
        if (text[i] === ',') { i += 1; continue; }
        if (text[i] === ']') { i += 1; return items; }
        fail('"," or "]"');
      }
    }
    if (text[i] === '{') {
      i += 1;
      const result = struct('}');
      if (text[i] !== '}') fail('"}"');
      i += 1;
      return result;
    }
    return scalar(stops);
  }

  // Does the text from i look like `Name=` (a new key) rather than another list element?
  const startsKey = () => /^\s*[A-Za-z0-9_.-]+\s*=/.test(text.slice(i));

  function struct(end) {
    const result = {};
    for (;;) {
      skipSpace();
      const key = scalar('=,' + end);
      if (text[i] !== '=') fail('"="');
      if (!key) fail('a key');
      i += 1;
      let item = value(',' + end);
      // `Key=a,b,c`: bare elements after a scalar make a list.
      while (text[i] === ',' && !startsKey() && typeof item !== 'object' && !(text[i + 1] ?? '').match(/[{[]/)) {
        const save = i;
        i += 1;
        if (startsKey() || i >= text.length) { i = save; break; }
        item = [item, value(',' + end)].flat();
      }
      result[key] = item;
      skipSpace();
      if (text[i] === ',') { i += 1; continue; }
      return result;
    }
  }

  skipSpace();
  const result = text[i] === '[' || text[i] === '{' ? value('') : struct('');
  skipSpace();
  if (i < text.length) fail('end of input');
  return result;
}

// Gives shorthand text its types: numbers, booleans, one-element lists.
function typed(value, member) {
  if (Array.isArray(value)) return value.map((item) => typed(item, undefined));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => {
      let result = typed(item, key);
      if (LIST_MEMBERS.has(key) && !Array.isArray(result)) result = [result];
      return [key, result];
    }));
  }
  if (typeof value === 'string' && NUMBER_MEMBERS.has(member) && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (typeof value === 'string' && BOOLEAN_MEMBERS.has(member) && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  return value;
}

function readValue(option, words, kind) {
  if (words.length === 0) throw new CliParseError(`argument --${option}: expected one argument`);
  if (words.some((word) => word.startsWith('file://') || word.startsWith('fileb://'))) {
    throw new CliParseError(`--${option}: a file:// value cannot be read in the browser; paste the file's JSON instead`);
  }
  const json = (word) => {
    try {
      return JSON.parse(word);
    } catch (error) {
      throw new CliParseError(`Error parsing parameter '--${option}': Invalid JSON: ${error.message}\nJSON received: ${word}`);
    }
  };
  if (kind === 'string') {
    if (words.length > 1) throw new CliParseError(`Unknown options: ${words.slice(1).join(', ')}`);
    return words[0];
  }
  if (kind === 'struct') {
    if (words.length > 1) throw new CliParseError(`Unknown options: ${words.slice(1).join(', ')}`);
    const text = words[0].trim();
    return text.startsWith('{') ? json(text) : typed(parseShorthand(text), undefined);
  }
  // A list: JSON arrays, JSON objects or shorthand, one or more elements per word.
  return words.flatMap((word) => {
    const text = word.trim();
    if (text.startsWith('[')) {
      const list = json(text);
      if (!Array.isArray(list)) throw new CliParseError(`--${option} expects a list`);
      return list;
    }
    return [text.startsWith('{') ? json(text) : typed(parseShorthand(text), undefined)];
  });
}

/**
 * `aws dynamodb create-table ...` -> the CreateTable request.
 * @param {string} command
 * @returns {object} CreateTable input (low-level, as the CLI sends it)
 */
export function parseCreateTableCommand(command) {
  const words = shellWords(command.trim().replace(/^\$\s*/, ''));
  if (words[0] === 'aws') words.shift();
  if (words[0] !== 'dynamodb') throw new CliParseError('Expected a command starting with "aws dynamodb create-table"');
  words.shift();
  if (words[0] !== 'create-table') {
    throw new CliParseError(`Only create-table commands can be pasted here, not "${words[0] ?? ''}"`);
  }
  words.shift();

  let fromJson = {};
  const explicit = {};
  const unknown = [];
  for (let i = 0; i < words.length;) {
    const word = words[i];
    if (!word.startsWith('--')) { unknown.push(word); i += 1; continue; }
    let option = word.slice(2);
    let values = [];
    const eq = option.indexOf('=');
    if (eq >= 0) { values.push(option.slice(eq + 1)); option = option.slice(0, eq); }
    let j = i + 1;
    while (j < words.length && !words[j].startsWith('--')) { values.push(words[j]); j += 1; }
    i = j;
    if (GLOBAL_FLAGS.has(option)) {
      unknown.push(...values);
      continue;
    }
    if (GLOBAL_WITH_VALUE.has(option)) {
      unknown.push(...values.slice(1));
      continue;
    }
    if (option in CREATE_TABLE_FLAGS) {
      const [member, flag] = CREATE_TABLE_FLAGS[option];
      explicit[member] = flag;
      unknown.push(...values);
      continue;
    }
    if (option === 'cli-input-json') {
      const input = readValue(option, values, 'struct');
      if (!input || typeof input !== 'object' || Array.isArray(input)) throw new CliParseError('--cli-input-json must be a JSON object');
      fromJson = input;
      continue;
    }
    const spec = CREATE_TABLE_OPTIONS[option];
    if (!spec) { unknown.push(word, ...values); continue; }
    explicit[spec[0]] = readValue(option, values, spec[1]);
  }
  if (unknown.length > 0) throw new CliParseError(`Unknown options: ${unknown.join(', ')}`);
  const request = { ...fromJson, ...explicit };
  const missing = ['TableName', 'AttributeDefinitions', 'KeySchema'].filter((member) => request[member] === undefined)
    .map((member) => '--' + Object.keys(CREATE_TABLE_OPTIONS).find((key) => CREATE_TABLE_OPTIONS[key][0] === member));
  if (missing.length > 0) throw new CliParseError(`the following arguments are required: ${missing.join(', ')}`);
  return request;
}
