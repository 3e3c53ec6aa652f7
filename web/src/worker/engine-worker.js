// Worker mode, the worker's side (started by open-in-worker.js): opens the database here, with
// the page's options, and serves the page's requests with remote/host.js. '$open' and '$close'
// are this file's own: the first opens, the last closes everything and lets the worker end.
import { PocketDynamo } from '../open.js';
import { Host } from '../remote/host.js';
import { CONTROL, errorText } from '../remote/protocol.js';

let host = null;
let opening = null;

const reply = (id, ok, body) => self.postMessage({ t: 'res', id, ok, body });

self.onmessage = async ({ data: message }) => {
  if (message.t !== 'req') {
    host?.receive(message);
    return;
  }
  if (message.op === CONTROL.open) {
    try {
      opening = PocketDynamo.open({ ...JSON.parse(message.body), worker: false });
      const db = await opening;
      host = new Host(db, undefined, (answer) => self.postMessage(answer));
      reply(message.id, true, JSON.stringify({ report: db.recoveryReport }));
    } catch (error) {
      reply(message.id, false, errorText(error));
    }
    return;
  }
  if (message.op === CONTROL.close) {
    try {
      await opening?.catch(() => {});
      await host?.close();
      reply(message.id, true, '{}');
    } catch (error) {
      reply(message.id, false, errorText(error));
    }
    return;
  }
  host.receive(message);
};
