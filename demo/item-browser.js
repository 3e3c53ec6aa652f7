// The item browser: one table's items a page at a time (Scan with Limit), next and previous
// pages by remembering each page's ExclusiveStartKey (the previous page's LastEvaluatedKey).
import { byId, setOptions } from './dom.js';
import { clearErrors, showError } from './errors.js';
import { renderResults } from './results-table.js';
import { attributeCell } from './values.js';

export function initItemBrowser({ db, catalog, onSelect }) {
  const tableSelect = byId('items-table');
  const pageSize = byId('items-page-size');
  const previous = byId('items-prev');
  const next = byId('items-next');
  const info = byId('items-page-info');
  const results = byId('items-results');
  const errorBox = byId('items-error');
  const starts = [undefined]; // starts[i]: ExclusiveStartKey of page i
  let page = 0;
  let lastKey;
  let loading = Promise.resolve();

  const keyNames = () => (catalog.descriptions.get(tableSelect.value)?.KeySchema ?? []).map((key) => key.AttributeName);

  async function load(index) {
    clearErrors(errorBox);
    const table = tableSelect.value;
    previous.disabled = next.disabled = true;
    results.dataset.state = 'loading';
    if (!table) {
      results.replaceChildren();
      info.textContent = 'No table selected.';
      results.dataset.state = 'ready';
      return;
    }
    try {
      const size = Number(pageSize.value);
      const output = await db.scan({ TableName: table, Limit: size, ExclusiveStartKey: starts[index] });
      page = index;
      lastKey = output.LastEvaluatedKey;
      starts.length = index + 1;
      if (lastKey) starts.push(lastKey);
      renderResults(results, output.Items, { cell: attributeCell, keyNames: keyNames(), onSelect: (item) => onSelect(table, item) });
      const first = index * size + 1;
      info.textContent = output.Items.length === 0
        ? (index === 0 ? 'Page 1: no items' : `Page ${index + 1}: no more items (DynamoDB gives a LastEvaluatedKey whenever Limit is reached)`)
        : `Page ${index + 1}: items ${first}–${first + output.Items.length - 1}${lastKey ? '' : ' (last page)'}`;
      info.dataset.page = String(index + 1);
      previous.disabled = index === 0;
      next.disabled = !lastKey;
    } catch (error) {
      showError(errorBox, error, { table: tableSelect });
    } finally {
      results.dataset.state = 'ready';
    }
  }

  // Loads run one after another, so quick clicks cannot interleave their pages.
  const queue = (task) => (loading = loading.then(task, task));

  previous.addEventListener('click', () => queue(() => load(Math.max(0, page - 1))));
  next.addEventListener('click', () => queue(() => (lastKey ? load(page + 1) : undefined)));
  const restart = () => queue(() => { starts.length = 1; return load(0); });
  tableSelect.addEventListener('change', restart);
  pageSize.addEventListener('change', restart);
  catalog.addEventListener('change', () => {
    const before = tableSelect.value;
    setOptions(tableSelect, catalog.names);
    if (tableSelect.value !== before) restart();
  });

  return {
    /** Shows a table from its first page. */
    show(table) {
      setOptions(tableSelect, catalog.names);
      tableSelect.value = table;
      return restart();
    },
    /** Reloads the current page (after a write). */
    reload: () => queue(() => load(page)),
    get table() { return tableSelect.value; },
  };
}
