// Online and offline: the browser's events (or any EventTarget the app passes, which is how tests
// and other environments say it). Without navigator.onLine the network is assumed up until a
// request fails to reach it.
export function watchConnectivity(target, onChange) {
  const source = target ?? (typeof globalThis.addEventListener === 'function' ? globalThis : null);
  if (!source) return () => {};
  const online = () => onChange(true);
  const offline = () => onChange(false);
  source.addEventListener('online', online);
  source.addEventListener('offline', offline);
  return () => {
    source.removeEventListener('online', online);
    source.removeEventListener('offline', offline);
  };
}

/** Whether the browser says it is online (true where nobody says). */
export const browserOnline = () => globalThis.navigator?.onLine !== false;
