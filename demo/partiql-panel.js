// The PartiQL tab: one statement (SELECT, INSERT, UPDATE, DELETE) with `?` parameters in plain
// JSON, run through the DocumentClient's executeStatement; the items it returns as a table, and
// the next page by NextToken.
import { byId, readJson } from './dom.js';
import { clearErrors, showError } from './errors.js';
import { renderResults } from './results-table.js';
import { plainCell } from './values.js';

/** The statements the examples list offers, for the tables the sample data creates. */
export const PARTIQL_EXAMPLES = [
  { label: 'SELECT one customer\'s orders (a Query)', statement: 'SELECT "OrderId", "Status", "OrderTotal" FROM "Orders" WHERE "CustomerId" = ?', parameters: '["C001"]' },
  { label: 'SELECT through an index', statement: 'SELECT "ProductId", "ProductName", "Price" FROM "Products"."ByCategory" WHERE "Category" = ? AND "Price" < 10', parameters: '["Books"]' },
  { label: 'SELECT with a filter (a Scan)', statement: 'SELECT "ProductId", "Stock" FROM "Products" WHERE "Stock" = 0' },
  { label: 'INSERT an item', statement: 'INSERT INTO "Products" VALUE {\'ProductId\': ?, \'ProductName\': ?, \'Price\': 9, \'Tags\': <<\'new\'>>}', parameters: '["P9999", "Pocket lamp"]' },
  { label: 'UPDATE an item', statement: 'UPDATE "Products" SET "Price" = "Price" + 1 REMOVE "Tags" WHERE "ProductId" = ? RETURNING ALL NEW *', parameters: '["P9999"]' },
  { label: 'DELETE an item', statement: 'DELETE FROM "Products" WHERE "ProductId" = ? RETURNING ALL OLD *', parameters: '["P9999"]' },
];

export function initPartiqlPanel({ doc, onWrite }) {
  const el = {
    example: byId('pq-example'), statement: byId('pq-statement'), parameters: byId('pq-parameters'),
    limit: byId('pq-limit'), run: byId('pq-run'), next: byId('pq-next'), count: byId('pq-count'),
    results: byId('pq-results'),
  };
  const errorBox = byId('partiql-error');
  const fields = { statement: el.statement, values: el.parameters, limit: el.limit };
  let lastInput = null;
  let nextToken;

  PARTIQL_EXAMPLES.forEach((example, index) => el.example.add(new Option(example.label, String(index))));
  el.example.addEventListener('change', () => {
    const example = PARTIQL_EXAMPLES[Number(el.example.value)];
    if (!example) return;
    el.statement.value = example.statement;
    el.parameters.value = example.parameters ?? '';
  });

  function buildInput() {
    const input = { Statement: el.statement.value.trim() };
    const parameters = readJson(el.parameters);
    if (parameters !== undefined) {
      if (!Array.isArray(parameters)) {
        throw Object.assign(new Error('Parameters must be a JSON array'), { name: 'InvalidJSON', field: el.parameters });
      }
      if (parameters.length > 0) input.Parameters = parameters;
    }
    if (el.limit.value) input.Limit = Number(el.limit.value);
    return input;
  }

  async function run(token) {
    clearErrors(errorBox);
    el.results.dataset.state = 'loading';
    el.next.disabled = true;
    try {
      const input = token ? { ...lastInput, NextToken: token } : buildInput();
      const output = await doc.executeStatement(input);
      lastInput = { ...input };
      delete lastInput.NextToken;
      nextToken = output.NextToken;
      const items = output.Items ?? [];
      renderResults(el.results, items, { cell: plainCell });
      el.count.textContent = `${items.length} item${items.length === 1 ? '' : 's'}` + (nextToken ? ' — more pages (NextToken)' : '');
      el.count.dataset.count = String(items.length);
      el.next.disabled = !nextToken;
      if (!/^\s*select\b/i.test(input.Statement)) onWrite();
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
  el.next.addEventListener('click', () => nextToken && run(nextToken));
}
