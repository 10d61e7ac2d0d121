/**
 * Offline once loaded: register the service worker of the build (app/offline/sw.js).
 * Production builds only (the dev server's modules are not precached), and never on
 * file:// where service workers do not exist.
 */
export function registerOffline(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator) || location.protocol === 'file:') return;
  // After the page is up: installing fetches every file once, which must not slow the start.
  const go = () => void navigator.serviceWorker.register('./sw.js').catch(() => {});
  if (document.readyState === 'complete') setTimeout(go, 1_000);
  else window.addEventListener('load', () => setTimeout(go, 1_000), { once: true });
}
