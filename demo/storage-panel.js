// The Storage tab: whether this database is persisted, how much it holds, the last flush, the
// browser's storage estimate and persistent-storage permission; export and import of tables.
import { byId, setOptions } from './dom.js';
import { clearErrors, showError } from './errors.js';
import { formatBytes, formatTime } from './format.js';
import { exportTable, importItems, parseJsonLines } from './transfer.js';

export function initStoragePanel({ db, catalog, persisted, fallbackReason, onImport }) {
  const errorBox = byId('storage-error');
  const mode = byId('storage-mode');
  const flushButton = byId('storage-flush');
  const tableSelect = byId('transfer-table');
  const progress = byId('transfer-progress');
  const status = byId('transfer-status');

  mode.textContent = persisted
    ? `Persisted: stored in IndexedDB (database "${db.name}"), kept across reloads`
    : 'Not persisted: in memory only, lost when the page reloads';
  mode.dataset.persisted = persisted ? 'yes' : 'no';
  byId('storage-reason').textContent = persisted ? `opened with storage: '${db.storage}'` : fallbackReason;
  const badge = byId('storage-badge');
  badge.textContent = persisted ? 'persisted' : 'not persisted';
  badge.className = `badge ${persisted ? 'ok' : 'warn'}`;
  flushButton.hidden = !(persisted && typeof db.flush === 'function');

  const recovery = db.recoveryReport;
  byId('storage-recovery').textContent = !persisted ? 'nothing to recover (not persisted)'
    : !recovery ? 'no report'
      : `loaded ${recovery.tables} table(s), ${recovery.items.toLocaleString('en-US')} item(s); `
        + (recovery.problems.length === 0 ? 'no problems' : `problems: ${recovery.problems.join('; ')}`);

  // db.storageInfo(): the stored files as the package tracks them (no IndexedDB read needed). A
  // promise when another tab owns the database (it is asked), so always awaited.
  async function refreshStored() {
    const dbText = byId('storage-idb-db');
    const filesText = byId('storage-files');
    const info = await db.storageInfo();
    if (!info.persisted) {
      dbText.textContent = 'nothing (not persisted)';
      filesText.textContent = '—';
      return info;
    }
    const where = db.storage === 'idb' ? `IndexedDB database "pocketdynamo:${db.name}"` : 'storage';
    dbText.textContent = `${formatBytes(info.bytes)} in ${info.files} file(s) of ${where}`;
    dbText.dataset.bytes = String(info.bytes);
    filesText.textContent = `${info.partitions} partition file(s), log ${formatBytes(info.logBytes)} since the last checkpoint, ${info.flushes} flush(es) since open`;
    return info;
  }

  async function refresh() {
    clearErrors(errorBox);
    const info = await refreshStored();
    let bytes = 0;
    for (const table of catalog.descriptions.values()) {
      bytes += table.TableSizeBytes ?? 0;
      for (const index of [...(table.GlobalSecondaryIndexes ?? []), ...(table.LocalSecondaryIndexes ?? [])]) bytes += index.IndexSizeBytes ?? 0;
    }
    byId('storage-bytes').textContent = `${formatBytes(bytes)} in ${catalog.names.length} table(s)`;
    const flushed = info.lastFlush;
    byId('storage-last-flush').textContent = !persisted ? 'never (not persisted)'
      : flushed ? `${formatTime(flushed)} (an awaited write is on disk when it resolves)` : 'no flush since the page opened';
    if (!navigator.storage?.estimate) {
      byId('storage-estimate').textContent = 'not available in this browser';
      byId('storage-idb-bytes').textContent = 'unknown';
    } else {
      const estimate = await navigator.storage.estimate();
      byId('storage-estimate').textContent = `${formatBytes(estimate.usage ?? 0)} used of ${formatBytes(estimate.quota ?? 0)}`;
      const idb = estimate.usageDetails?.indexedDB;
      byId('storage-idb-bytes').textContent = idb === undefined ? 'not reported by this browser' : formatBytes(idb);
    }
    const granted = await navigator.storage?.persisted?.();
    const persistedText = byId('storage-persisted');
    persistedText.textContent = granted === undefined ? 'not available in this browser'
      : granted ? 'granted: the browser will not evict this site\'s data'
        : 'not granted: the browser may evict this site\'s data under storage pressure';
    persistedText.dataset.granted = String(Boolean(granted));
  }

  byId('storage-refresh').addEventListener('click', () => catalog.refresh().then(refresh).catch((error) => showError(errorBox, error)));
  byId('storage-persist').addEventListener('click', async () => {
    clearErrors(errorBox);
    try {
      if (!navigator.storage?.persist) throw Object.assign(new Error('navigator.storage.persist() is not available'), { name: 'NotSupportedError' });
      await navigator.storage.persist();
      await refresh();
    } catch (error) {
      showError(errorBox, error);
    }
  });
  flushButton.addEventListener('click', async () => {
    clearErrors(errorBox);
    try {
      await db.flush();
      await refresh();
    } catch (error) {
      showError(errorBox, error);
    }
  });

  // ---- export and import
  const fields = { table: tableSelect, item: byId('import-file') };
  const busy = (on) => {
    byId('export-button').disabled = on;
    byId('import-file').disabled = on;
    progress.hidden = !on && progress.hidden;
  };

  byId('export-button').addEventListener('click', async () => {
    clearErrors(errorBox);
    const table = tableSelect.value;
    busy(true);
    try {
      const { Table } = await db.describeTable({ TableName: table });
      progress.hidden = false;
      progress.max = Math.max(1, Table.ItemCount ?? 1);
      progress.value = 0;
      const text = await exportTable(db, table, {
        onProgress: (count) => { progress.value = count; status.textContent = `Exporting ${table}: ${count.toLocaleString('en-US')} items`; },
      });
      const count = text === '' ? 0 : text.split('\n').length - 1;
      const url = URL.createObjectURL(new Blob([text], { type: 'application/jsonl' }));
      const link = Object.assign(document.createElement('a'), { href: url, download: `${table}.jsonl` });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      status.textContent = `Exported ${count.toLocaleString('en-US')} items of ${table} (${formatBytes(text.length)}) to ${table}.jsonl`;
      status.dataset.exported = String(count);
    } catch (error) {
      showError(errorBox, error, fields);
    } finally {
      busy(false);
    }
  });

  byId('import-file').addEventListener('change', async (event) => {
    clearErrors(errorBox);
    const input = event.target;
    const file = input.files?.[0];
    if (!file) return;
    const table = tableSelect.value;
    busy(true);
    status.className = 'status';
    try {
      if (!table) throw Object.assign(new Error('Create a table to import into first'), { name: 'ResourceNotFoundException' });
      status.textContent = `Reading ${file.name}…`;
      const items = await parseJsonLines(await file.text());
      progress.hidden = false;
      progress.max = Math.max(1, items.length);
      progress.value = 0;
      const started = performance.now();
      const written = await importItems(db, table, items, {
        onProgress: (count) => {
          progress.value = count;
          status.textContent = `Importing into ${table}: ${count.toLocaleString('en-US')} of ${items.length.toLocaleString('en-US')} items`;
        },
      });
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      status.textContent = `Imported ${written.toLocaleString('en-US')} items into ${table} in ${seconds} s`;
      status.className = 'status ok';
      status.dataset.imported = String(written);
      await catalog.refresh();
      onImport?.(table);
    } catch (error) {
      status.textContent = `Import into ${table || 'no table'} failed`;
      status.className = 'status error';
      showError(errorBox, error, fields);
    } finally {
      input.value = '';
      busy(false);
    }
  });

  catalog.addEventListener('change', () => { setOptions(tableSelect, catalog.names); refresh().catch(() => {}); });
  setOptions(tableSelect, catalog.names);
  return {
    refresh,
    /** A write resolved: the panel shows the flush that stored it. */
    written() { refreshStored().catch(() => {}); },
  };
}
