// The entry of sync's own chunk: what db.sync's handle (../sync-handle.js) loads with import()
// the first time an app calls db.sync(). Nothing in the main bundle imports this statically.
export { Sync } from './sync.js';
export { TabSync } from './tab-sync.js';
