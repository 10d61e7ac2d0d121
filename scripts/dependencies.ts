// Why each npm package of package.json is there: listed in docs/decisions.md
// ("Dependencies") by scripts/decisions-doc.ts; a test fails when a package has no entry.

export interface DependencyReason {
  /** What the project uses it for, and why this package rather than none or another. */
  readonly why: string;
}

export const DEPENDENCY_REASONS: Readonly<Record<string, DependencyReason>> = {
  // ---- runtime: shipped in dist/ ----
  react: { why: 'The page\'s components. One version for the page, the embed and the lessons.' },
  'react-dom': { why: 'Renders the React components into the page.' },
  zustand: { why: 'The one store (app/store): about 1 kB, plain functions for actions, selectors that re-render only what changed.' },
  'monaco-editor': {
    why: 'The scenario editor on desktop: completion, hovers, problem markers. Loaded as a lazy chunk after the page; a phone never loads it (it gets a text area).',
  },
  '@monaco-editor/react': { why: 'Mounts Monaco in React and loads it from the bundle (no CDN: the page works offline).' },
  uplot: {
    why:
      'The page\'s charts (app/charts): open connections over time in the metrics strip, sweep results and the over-time plots of open-loop runs. ' +
      'Chosen for size and speed: 51 kB minified (22 kB gzip) with no dependencies of its own, and it draws on one canvas, so a line of thousands ' +
      'of points redraws in a frame where an SVG element per point would not; MIT-licensed and maintained. The alternatives weighed were a ' +
      'general charting library (Chart.js: several times the size) and the hand-written SVG sparkline it replaces (no axes, read-out, ' +
      'keyboard or click).',
  },
  // ---- development: tests, build, scripts ----
  typescript: { why: 'The language of core/, app/ and scripts/; `npm run typecheck`.' },
  vite: { why: 'Dev server and production build (dist/: a static folder), the worker bundles and the service worker file.' },
  '@vitejs/plugin-react': { why: 'JSX and fast refresh for Vite.' },
  vitest: { why: 'Unit and property tests (`npm run test:unit`), with Vite\'s module resolution.' },
  'fast-check': { why: 'Property tests: generated scenarios check invariants (determinism, totals-only = full trace).' },
  '@playwright/test': { why: 'End-to-end tests of the production build in Debian\'s Chromium (no browser download).' },
  '@axe-core/playwright': { why: 'The accessibility audit (WCAG 2.1 A/AA) in the end-to-end tests.' },
  esbuild: { why: '`npm run sim` and `npm run bench` run the TypeScript sources as one cached bundle (scripts/run-bundled.mjs).' },
  tsx: { why: 'Runs one-off TypeScript scripts (this document\'s generator, the oracle fixtures).' },
  '@types/node': { why: 'Types of Node\'s APIs for scripts and tests.' },
  '@types/react': { why: 'Types of React.' },
  '@types/react-dom': { why: 'Types of React DOM.' },
};
