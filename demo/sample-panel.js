// The "Sample data & tour" tab: loads the shop data set with a progress bar, and runs the guided
// tour's queries in the Query tab.
import { marshall } from '../web/src/index.js';
import { writeInBatches } from './batch-writer.js';
import { byId, h, yieldToEventLoop } from './dom.js';
import { clearErrors, showError } from './errors.js';
import { ORDER_COUNT, PRODUCT_COUNT, orders, products, sampleTables, tour } from './sample-data.js';

export function initSamplePanel({ db, catalog, navigate, runQuery, onWrite }) {
  const button = byId('sample-load');
  const progress = byId('sample-progress');
  const status = byId('sample-status');
  const errorBox = byId('sample-error');

  async function load() {
    clearErrors(errorBox);
    button.disabled = true;
    progress.hidden = false;
    progress.max = PRODUCT_COUNT + ORDER_COUNT;
    progress.value = 0;
    status.className = 'status';
    const started = performance.now();
    try {
      // Start from empty tables, so loading twice gives the same data.
      for (const request of sampleTables) {
        if (catalog.names.includes(request.TableName)) await db.deleteTable({ TableName: request.TableName });
        await db.createTable(request);
        await yieldToEventLoop();
      }
      let done = 0;
      const sources = [[sampleTables[0].TableName, products()], [sampleTables[1].TableName, orders()]];
      for (const [table, source] of sources) {
        const base = done;
        const marshalled = (function* () { for (const item of source) yield marshall(item); })();
        done += await writeInBatches(db, table, marshalled, {
          onProgress: (written) => {
            progress.value = base + written;
            status.textContent = `Loading ${table}: ${(base + written).toLocaleString('en-US')} of ${progress.max.toLocaleString('en-US')} items`;
          },
        });
      }
      onWrite?.();
      await catalog.refresh();
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      status.textContent = `Loaded ${done.toLocaleString('en-US')} items into Products and Orders in ${seconds} s`;
      status.className = 'status ok';
      status.dataset.loaded = String(done);
    } catch (error) {
      status.textContent = 'Loading failed';
      status.className = 'status error';
      showError(errorBox, error);
      await catalog.refresh().catch(() => {});
    } finally {
      button.disabled = false;
    }
  }

  button.addEventListener('click', load);

  byId('tour').replaceChildren(...tour.map((step, index) => h('li', { dataset: { step: String(index + 1) } },
    h('strong', {}, step.title), h('p', {}, step.explain),
    h('button', {
      type: 'button',
      className: 'tour-run',
      onclick: async () => {
        clearErrors(errorBox);
        if (!catalog.names.includes(step.request.TableName)) {
          showError(errorBox, { name: 'ResourceNotFoundException', message: `Requested resource not found: Table: ${step.request.TableName} not found. Load the sample data first.` });
          return;
        }
        navigate('query');
        await runQuery(step.request);
      },
    }, `Run step ${index + 1}`))));
}
