/**
 * Offline once loaded: register the service worker of the build (app/offline/sw.js).
 * Production builds only (the dev server's modules are not precached), and never on
 * file:// where service workers do not exist.
 */
const DELAY_MS = 4_000;

export function registerOffline(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator) || location.protocol === 'file:') return;
  // Well after the page is up, in idle time: installing fetches and stores every file once
  // (≈4.5 MB), which must not compete with the start or a first run.
  const register = () => void navigator.serviceWorker.register('./sw.js').catch(() => {});
  const later = () =>
    setTimeout(() => ('requestIdleCallback' in window ? requestIdleCallback(register, { timeout: 10_000 }) : register()), DELAY_MS);
  if (document.readyState === 'complete') later();
  else window.addEventListener('load', later, { once: true });
}
