// Child process of persistence-open-lazy.test.mjs: writes one item to the 'fs' database in
// argv[2], reopens it with loadInBackground, and prints "loading" when background loading starts
// reading its first partition file, which it never finishes: the parent kills it then.
import { TABLE, open } from './persistence-support.mjs';

const options = { name: 'background-kill', storage: 'fs', path: process.argv[2] };
const writer = await open(options);
await writer.putItem({ TableName: TABLE, Item: { id: { S: 'written-before-kill' }, v: { S: 'yes' } } });
await writer.close();

const heldForever = {
  wrapBackend(backend) {
    return {
      load: (loadOptions) => backend.load(loadOptions),
      async readFiles() {
        process.stdout.write('loading\n');
        return new Promise(() => {});
      },
      apply: (ops) => backend.apply(ops),
      close: () => backend.close(),
    };
  },
};
await open({ ...options, loadInBackground: true }, heldForever);
setInterval(() => {}, 1000); // alive until killed
