// Renders items as an HTML table: key attributes first, then every other attribute seen.
import { h } from './dom.js';

/**
 * @param {HTMLElement} container
 * @param {object[]} items
 * @param {{ cell: (value: unknown) => string, keyNames?: string[], onSelect?: (item: object, index: number) => void }} options
 */
export function renderResults(container, items, { cell, keyNames = [], onSelect } = {}) {
  if (items.length === 0) {
    container.replaceChildren(h('p', { className: 'muted empty' }, 'No items.'));
    return;
  }
  const columns = [...keyNames];
  const seen = new Set(columns);
  for (const item of items) {
    for (const name of Object.keys(item)) {
      if (!seen.has(name)) { seen.add(name); columns.push(name); }
    }
  }
  const body = h('tbody');
  items.forEach((item, index) => {
    const row = h('tr', onSelect ? { tabindex: '0', className: 'selectable' } : {},
      ...columns.map((name) => {
        const text = cell(item[name]);
        return h('td', { title: text.length > 60 ? text : undefined }, text.length > 60 ? `${text.slice(0, 57)}…` : text);
      }));
    if (onSelect) {
      row.addEventListener('click', () => onSelect(item, index));
      row.addEventListener('keydown', (event) => { if (event.key === 'Enter') onSelect(item, index); });
    }
    body.append(row);
  });
  container.replaceChildren(h('table', { className: 'grid results-table' },
    h('thead', {}, h('tr', {}, ...columns.map((name) => h('th', { className: keyNames.includes(name) ? 'key' : undefined }, name)))),
    body));
}
