// The Query and Scan builder: table, index, key condition, filter, projection, name and value
// placeholders, sort order and limit; runs through the DocumentClient and shows the results as a
// table, and the request as that DocumentClient call and as the equivalent AWS CLI command.
import { byId, readJson, setOptions } from './dom.js';
import { clearErrors, showError } from './errors.js';
import { awsCliCommand, documentClientCall } from './request-format.js';
import { renderResults } from './results-table.js';
import { plainCell } from './values.js';

export function initQueryPanel({ doc, catalog }) {
  const el = {
    mode: byId('q-mode'), table: byId('q-table'), index: byId('q-index'), key: byId('q-key'),
    filter: byId('q-filter'), projection: byId('q-projection'), names: byId('q-names'), values: byId('q-values'),
    direction: byId('q-direction'), limit: byId('q-limit'), run: byId('q-run'), next: byId('q-next'),
    count: byId('q-count'), results: byId('q-results'), doc: byId('q-doc'), cli: byId('q-cli'),
  };
  const errorBox = byId('query-error');
  const fields = {
    table: el.table, index: el.index, keyCondition: el.key, filter: el.filter, projection: el.projection,
    names: el.names, values: el.values, limit: el.limit,
  };
  let lastInput = null;
  let lastKey;

  function refreshIndexes() {
    setOptions(el.index, catalog.indexesOf(el.table.value));
  }

  function refreshMode() {
    const isQuery = el.mode.value === 'Query';
    el.key.disabled = !isQuery;
    el.direction.disabled = !isQuery;
  }

  /** The DocumentClient input the form describes (throws on bad JSON, naming the field). */
  function buildInput() {
    const input = { TableName: el.table.value };
    if (el.index.value) input.IndexName = el.index.value;
    if (el.mode.value === 'Query' && el.key.value.trim()) input.KeyConditionExpression = el.key.value.trim();
    if (el.filter.value.trim()) input.FilterExpression = el.filter.value.trim();
    if (el.projection.value.trim()) input.ProjectionExpression = el.projection.value.trim();
    const names = readJson(el.names);
    if (names && Object.keys(names).length > 0) input.ExpressionAttributeNames = names;
    const values = readJson(el.values);
    if (values && Object.keys(values).length > 0) input.ExpressionAttributeValues = values;
    if (el.mode.value === 'Query' && el.direction.value === 'desc') input.ScanIndexForward = false;
    if (el.limit.value) input.Limit = Number(el.limit.value);
    return input;
  }

  function showRequest(input) {
    el.doc.textContent = documentClientCall(el.mode.value, input);
    el.cli.textContent = awsCliCommand(el.mode.value, input);
  }

  function preview() {
    try {
      showRequest(buildInput());
    } catch {
      // The JSON is being typed; the request shows again once it parses.
    }
  }

  async function run(startKey) {
    clearErrors(errorBox);
    el.results.dataset.state = 'loading';
    el.next.disabled = true;
    try {
      const input = startKey ? { ...lastInput, ExclusiveStartKey: startKey } : buildInput();
      showRequest(input);
      const operation = el.mode.value;
      const output = operation === 'Query' ? await doc.query(input) : await doc.scan(input);
      lastInput = { ...input, ExclusiveStartKey: undefined };
      delete lastInput.ExclusiveStartKey;
      lastKey = output.LastEvaluatedKey;
      const table = catalog.descriptions.get(input.TableName);
      const index = catalog.indexesOf(input.TableName).find((option) => option.value === (input.IndexName ?? ''));
      const keyNames = [...new Set([...(index?.keySchema ?? []), ...(table?.KeySchema ?? [])].map((key) => key.AttributeName))];
      renderResults(el.results, output.Items ?? [], { cell: plainCell, keyNames });
      el.count.textContent = `${operation}: Count ${output.Count}, ScannedCount ${output.ScannedCount}`
        + (lastKey ? ' — more pages (LastEvaluatedKey)' : '');
      el.count.dataset.count = String(output.Count);
      el.next.disabled = !lastKey;
    } catch (error) {
      el.results.replaceChildren();
      el.count.textContent = '';
      delete el.count.dataset.count;
      showError(errorBox, error, fields);
    } finally {
      el.results.dataset.state = 'ready';
    }
  }

  el.run.addEventListener('click', () => run());
  el.next.addEventListener('click', () => lastKey && run(lastKey));
  el.table.addEventListener('change', () => { refreshIndexes(); preview(); });
  el.mode.addEventListener('change', () => { refreshMode(); preview(); });
  for (const input of [el.index, el.key, el.filter, el.projection, el.names, el.values, el.direction, el.limit]) {
    input.addEventListener('input', preview);
    input.addEventListener('change', preview);
  }
  catalog.addEventListener('change', () => {
    setOptions(el.table, catalog.names);
    refreshIndexes();
    preview();
  });
  refreshMode();

  return {
    /** Selects a table (from the Tables tab). */
    show(table) {
      setOptions(el.table, catalog.names);
      el.table.value = table;
      refreshIndexes();
      preview();
    },
    /** Fills the form with a prepared request (the tour) and runs it. */
    async fill(preset) {
      el.mode.value = preset.operation ?? 'Query';
      setOptions(el.table, catalog.names);
      el.table.value = preset.TableName;
      refreshIndexes();
      el.index.value = preset.IndexName ?? '';
      el.key.value = preset.KeyConditionExpression ?? '';
      el.filter.value = preset.FilterExpression ?? '';
      el.projection.value = preset.ProjectionExpression ?? '';
      el.names.value = preset.ExpressionAttributeNames ? JSON.stringify(preset.ExpressionAttributeNames) : '';
      el.values.value = preset.ExpressionAttributeValues ? JSON.stringify(preset.ExpressionAttributeValues) : '';
      el.direction.value = preset.ScanIndexForward === false ? 'desc' : 'asc';
      el.limit.value = preset.Limit ?? '';
      refreshMode();
      await run();
    },
  };
}
