// The playground: opens the database (IndexedDB when the package has it, else memory), wires the
// tabs together, and registers the service worker that makes the page work offline.
import { Catalog } from './catalog.js';
import { initConsolePanel } from './console-panel.js';
import { openDatabase } from './db.js';
import { byId } from './dom.js';
import { showError } from './errors.js';
import { initItemBrowser } from './item-browser.js';
import { initItemEditor } from './item-editor.js';
import { initPartiqlPanel } from './partiql-panel.js';
import { initQueryPanel } from './query-panel.js';
import { initSamplePanel } from './sample-panel.js';
import { initStoragePanel } from './storage-panel.js';
import { initTablesPanel } from './tables-panel.js';

const TABS = ['tables', 'items', 'query', 'partiql', 'sample', 'storage', 'console'];
const appStatus = byId('app-status');

function showTab(tab) {
  for (const panel of document.querySelectorAll('[data-panel]')) panel.hidden = panel.dataset.panel !== tab;
  for (const button of document.querySelectorAll('#tabs [data-tab]')) {
    button.setAttribute('aria-selected', String(button.dataset.tab === tab));
  }
}

async function main() {
  const { db, doc, persisted, fallbackReason } = await openDatabase();
  const catalog = new Catalog(db);

  let items;
  let query;
  let storage;
  const navigate = (tab, { table } = {}) => {
    if (!TABS.includes(tab)) tab = 'tables';
    if (location.hash !== `#${tab}`) history.replaceState(null, '', `#${tab}`);
    showTab(tab);
    if (table && tab === 'items') items.show(table);
    if (table && tab === 'query') query.show(table);
    if (tab === 'storage') storage.refresh().catch(() => {});
  };
  const afterWrite = () => { storage.written(); items.reload(); catalog.refresh().catch(() => {}); };

  initTablesPanel({ db, catalog, navigate });
  items = initItemBrowser({ db, catalog, onSelect: (table, item) => editor.show(item) });
  const editor = initItemEditor({ db, catalog, tableOf: () => items.table, onWrite: afterWrite });
  query = initQueryPanel({ doc, catalog });
  initPartiqlPanel({ doc, onWrite: afterWrite });
  initSamplePanel({ db, catalog, navigate, runQuery: (request) => query.fill(request), onWrite: () => storage.written() });
  storage = initStoragePanel({ db, catalog, persisted, fallbackReason, onImport: (table) => items.show(table) });
  initConsolePanel({ db, onWrite: () => { storage.written(); catalog.refresh().catch(() => {}); } });

  for (const button of document.querySelectorAll('#tabs [data-tab]')) {
    button.addEventListener('click', () => navigate(button.dataset.tab));
  }
  window.addEventListener('hashchange', () => navigate(location.hash.slice(1)));

  await catalog.refresh();
  navigate(location.hash.slice(1) || 'tables');
  appStatus.textContent = 'Ready';
  appStatus.dataset.ready = 'yes';
}

// Offline after the first visit: the service worker keeps the app, the package and the wasm.
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('sw.js').catch((error) => console.warn('service worker not registered:', error));
}

main().catch((error) => {
  appStatus.textContent = 'The engine did not start';
  const box = byId('tables-error');
  showTab('tables');
  showError(box, error);
});
