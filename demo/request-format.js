// Shows a Query or Scan request two ways: as the DocumentClient call that runs it, and as the
// AWS CLI command that would send the same request to DynamoDB. Pure functions, no DOM.
import { marshall } from '../web/src/index.js';
import { toJsonSafe } from './values.js';

/** Quotes one word for a POSIX shell. */
export function shellQuote(word) {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/** `await doc.query({...})` with the input as a JS object literal. */
export function documentClientCall(operation, input) {
  const method = operation === 'Query' ? 'query' : 'scan';
  const body = JSON.stringify(toJsonSafe(input), null, 2).replace(/^(\s*)"([A-Za-z_$][\w$]*)":/gm, '$1$2:');
  return `import { PocketDynamo, DynamoDBDocument } from 'pocketdynamo';\n\n`
    + `const db = await PocketDynamo.open({ name: 'playground', storage: 'idb' });\n`
    + `const doc = DynamoDBDocument.from(db);\n`
    + `const { Items, LastEvaluatedKey } = await doc.${method}(${body});`;
}

/** The `aws dynamodb query|scan ...` command for a DocumentClient input (values get marshalled). */
export function awsCliCommand(operation, input) {
  const words = ['aws', 'dynamodb', operation === 'Query' ? 'query' : 'scan'];
  const add = (option, value) => words.push(`--${option}`, shellQuote(String(value)));
  const json = (value) => JSON.stringify(toJsonSafe(value));
  if (input.TableName !== undefined) add('table-name', input.TableName);
  if (input.IndexName) add('index-name', input.IndexName);
  if (input.KeyConditionExpression) add('key-condition-expression', input.KeyConditionExpression);
  if (input.FilterExpression) add('filter-expression', input.FilterExpression);
  if (input.ProjectionExpression) add('projection-expression', input.ProjectionExpression);
  if (input.ExpressionAttributeNames && Object.keys(input.ExpressionAttributeNames).length > 0) {
    add('expression-attribute-names', json(input.ExpressionAttributeNames));
  }
  if (input.ExpressionAttributeValues && Object.keys(input.ExpressionAttributeValues).length > 0) {
    add('expression-attribute-values', json(marshall(input.ExpressionAttributeValues, { removeUndefinedValues: true })));
  }
  if (input.Select) add('select', input.Select);
  if (input.ScanIndexForward === false) words.push('--no-scan-index-forward');
  if (input.ConsistentRead) words.push('--consistent-read');
  // The CLI paginates by itself; --max-items is its page-size-independent limit, and
  // --limit sets DynamoDB's Limit per request, so --limit with --no-paginate is the one request.
  if (input.Limit !== undefined) words.push('--limit', String(input.Limit), '--no-paginate');
  if (input.ExclusiveStartKey) add('exclusive-start-key', json(marshall(input.ExclusiveStartKey)));
  // Break lines the way the AWS docs print long commands.
  const lines = [words.slice(0, 3).join(' ')];
  for (let i = 3; i < words.length; i += 1) {
    if (words[i].startsWith('--')) lines.push(`    ${words[i]}`);
    else lines[lines.length - 1] += ` ${words[i]}`;
  }
  return lines.join(' \\\n');
}
