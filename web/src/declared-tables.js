// open({ tables }): the tables a database should have, as CreateTable inputs. Creates those that
// are missing; checks those that exist against their declaration; where only global secondary
// indexes differ, brings them in line with UpdateTable (one index per call, as DynamoDB allows);
// a different key schema or local index is refused, since DynamoDB cannot change those in place.
import { ValidationException } from './errors.js';

/**
 * @param {{ describeTable(input: object): Promise<object>, createTable(input: object): Promise<object>,
 *   updateTable(input: object): Promise<object> }} db
 * @param {object[]} tables CreateTable inputs
 */
export async function applyDeclaredTables(db, tables) {
  for (const declared of tables) {
    const existing = await describe(db, declared.TableName);
    if (!existing) await db.createTable(declared);
    else await reconcile(db, declared, existing);
  }
}

/** Throws a TypeError unless `tables` is undefined or an array of CreateTable inputs with distinct names. */
export function checkDeclaredTables(tables) {
  if (tables === undefined) return;
  if (!Array.isArray(tables)) throw new TypeError('PocketDynamo.open: `tables` must be an array of CreateTable inputs');
  const names = new Set();
  for (const table of tables) {
    if (typeof table?.TableName !== 'string') {
      throw new TypeError('PocketDynamo.open: every entry of `tables` is a CreateTable input, with TableName');
    }
    if (names.has(table.TableName)) throw new TypeError(`PocketDynamo.open: table ${table.TableName} is declared twice in \`tables\``);
    names.add(table.TableName);
  }
}

async function describe(db, TableName) {
  try {
    return (await db.describeTable({ TableName })).Table;
  } catch (error) {
    if (error?.name === 'ResourceNotFoundException') return null;
    throw error;
  }
}

async function reconcile(db, declared, existing) {
  const name = declared.TableName;
  const declaredTypes = typesOf(declared.AttributeDefinitions);
  const existingTypes = typesOf(existing.AttributeDefinitions);
  const want = keyText(declared.KeySchema, declaredTypes);
  const have = keyText(existing.KeySchema, existingTypes);
  if (want !== have) {
    throw mismatch(`table ${name} exists with key schema ${have}, not the declared ${want}; a key schema cannot `
      + 'change: delete the table (or migrate its items to a new one) first');
  }
  const wantLocal = indexesText(declared.LocalSecondaryIndexes, declaredTypes);
  const haveLocal = indexesText(existing.LocalSecondaryIndexes, existingTypes);
  if (wantLocal !== haveLocal) {
    throw mismatch(`table ${name} exists with local secondary indexes ${haveLocal}, not the declared ${wantLocal}; `
      + 'local secondary indexes are made only with the table');
  }
  const wantGlobal = new Map((declared.GlobalSecondaryIndexes ?? []).map((index) => [index.IndexName, index]));
  const haveGlobal = new Map((existing.GlobalSecondaryIndexes ?? []).map((index) => [index.IndexName, index]));
  for (const [indexName, index] of haveGlobal) {
    const wanted = wantGlobal.get(indexName);
    if (wanted && indexText(wanted, declaredTypes) === indexText(index, existingTypes)) continue;
    await db.updateTable({ TableName: name, GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: indexName } }] });
  }
  for (const [indexName, index] of wantGlobal) {
    const had = haveGlobal.get(indexName);
    if (had && indexText(index, declaredTypes) === indexText(had, existingTypes)) continue;
    await db.updateTable({
      TableName: name,
      AttributeDefinitions: (declared.AttributeDefinitions ?? []).filter(({ AttributeName }) =>
        [...declared.KeySchema, ...index.KeySchema].some((key) => key.AttributeName === AttributeName)),
      GlobalSecondaryIndexUpdates: [{ Create: createOf(index, declared) }],
    });
  }
}

// What UpdateTable's Create needs: the index, with throughput when the table is provisioned.
function createOf(index, declared) {
  const { IndexName, KeySchema, Projection, ProvisionedThroughput, OnDemandThroughput } = index;
  const create = { IndexName, KeySchema, Projection };
  if (ProvisionedThroughput) create.ProvisionedThroughput = ProvisionedThroughput;
  else if (declared.BillingMode !== 'PAY_PER_REQUEST' && declared.ProvisionedThroughput) {
    create.ProvisionedThroughput = declared.ProvisionedThroughput;
  }
  if (OnDemandThroughput) create.OnDemandThroughput = OnDemandThroughput;
  return create;
}

const typesOf = (definitions = []) => new Map(definitions.map((d) => [d.AttributeName, d.AttributeType]));

// "user (HASH, S), created (RANGE, N)": what the messages show and what is compared.
const keyText = (schema = [], types) =>
  schema.map((key) => `${key.AttributeName} (${key.KeyType}, ${types.get(key.AttributeName) ?? '?'})`).join(', ');

function indexText(index, types) {
  const projection = index.Projection ?? {};
  const attributes = [...(projection.NonKeyAttributes ?? [])].sort().join(' ');
  return `${index.IndexName}: ${keyText(index.KeySchema, types)} projecting ${projection.ProjectionType ?? 'ALL'}`
    + (attributes ? ` [${attributes}]` : '');
}

const indexesText = (indexes = [], types) =>
  (indexes.length ? indexes.map((index) => indexText(index, types)).sort().join('; ') : 'none');

const mismatch = (message) => new ValidationException({ message: `PocketDynamo.open: ${message}` });
