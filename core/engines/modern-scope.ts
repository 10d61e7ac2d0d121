/**
 * What the modern engine claims, in one place for the docs, the CLI and the page: the
 * HAProxy it follows, the binary it is checked against, and what it does not model.
 */

/** Short label of the engine (header, compare view). */
export const MODERN_LABEL = 'modern 2.6';

/** The real binary the engine's traces are compared with. */
export const MODERN_BINARY = 'HAProxy 2.6.12 (Debian 12 package)';

/** What the engine leaves out: scenarios that depend on these may differ from a real HAProxy. */
export const MODERN_NOT_MODELLED: readonly string[] = [
  'threads: one thread only — no `nbthread`, no taking over an idle connection from another thread',
  'queueing: `maxconn` on servers and the queues it creates',
  'health checks: servers are always up unless `disabled`',
  'a client connection that ends with an error (a TCP reset, e.g. an h2 client closing right after a response, with data unread): HAProxy then aborts its streams and closes their server connections; the engine plays every client close as a clean FIN, after which a request already sent still completes (mD6)',
];

/** One sentence for titles and tooltips. */
export const MODERN_SUMMARY =
  `HAProxy 2.6 with defaults, checked against ${MODERN_BINARY}. Not modelled: threads (nbthread, takeover between threads), queueing on maxconn, health checks.`;
