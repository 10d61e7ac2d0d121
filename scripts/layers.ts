// The layers of app/ and what core/ may import (docs/layers.md), as data, and a checker that reads
// the import graph of the source with a small regex parser. scripts/layers.test.ts runs it in npm test.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, sep } from 'node:path';

/**
 * app/'s first-level folders, lowest first. A file may import from its own folder and from any
 * folder listed before its own, never from one listed after it: not up a layer, and not across
 * to a later folder of its own layer (so no two folders import each other). `(top)` is the files
 * directly in app/ (App.tsx, main.tsx, keyboard.ts).
 */
export interface Layer {
  readonly name: string;
  readonly folders: readonly string[];
  /** npm packages this layer must not import (a folder of a higher layer may). */
  readonly noPackages: readonly string[];
  /** The layer is pure: no DOM global either (as core/). */
  readonly noDom?: boolean;
}

/** What only the page's upper layers may use. */
const UI_PACKAGES = ['react', 'react-dom', 'zustand', 'monaco-editor', '@monaco-editor/react', 'uplot'];

export const LAYERS: readonly Layer[] = [
  { name: 'model', folders: ['model'], noPackages: UI_PACKAGES, noDom: true },
  { name: 'sim', folders: ['sim'], noPackages: UI_PACKAGES },
  { name: 'store', folders: ['store'], noPackages: ['monaco-editor', '@monaco-editor/react', 'uplot'] },
  { name: 'ui', folders: ['ui'], noPackages: ['monaco-editor', '@monaco-editor/react', 'uplot'] },
  {
    name: 'features',
    folders: ['charts', 'agreement', 'offline', 'files', 'editor', 'sweep', 'views', 'compare', 'lessons', 'share', 'gallery'],
    noPackages: [],
  },
  { name: 'shells', folders: ['shell', 'embed'], noPackages: [] },
  { name: 'entry', folders: ['(top)'], noPackages: [] },
];

/** core/ is below all of app/: it imports none of it, no UI package, and uses no DOM global. */
export const CORE_NO_PACKAGES = UI_PACKAGES;

/**
 * core/'s first-level folders, lowest first, as app/'s: a file imports its own folder and the
 * folders listed before it. `test` holds the helpers of core's tests (fixtures' readers); `(top)`
 * is core/index.ts, the one import point for app/, e2e/ and scripts/.
 */
export const CORE_LAYERS: readonly string[] = [
  'trace', 'examples', 'model', 'sim', 'replay', 'routing', 'scenario', 'engines', 'run', 'sweep', 'verify', 'test', '(top)',
];

/** `core/engines/seed.ts` → `engines`; `core/index.ts` → `(top)`; null outside core/. */
export function coreFolder(path: string): string | null {
  const p = path.split('/');
  if (p[0] !== 'core') return null;
  return p.length > 2 ? p[1] : '(top)';
}

/** DOM globals a pure module must not touch (a worker or Node has none of them). */
const DOM_GLOBALS = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'requestAnimationFrame', 'getComputedStyle', 'HTMLElement', 'HTMLCanvasElement'];

export interface SourceFile {
  /** Path from the project root, with `/`. */
  readonly path: string;
  readonly text: string;
}

export interface ImportEdge {
  readonly from: string;
  /** The file it resolves to (relative imports), or the package name (bare imports). */
  readonly to: string;
  readonly kind: 'file' | 'package' | 'unresolved';
  readonly line: number;
}

/** The source files of `roots` (no tests, fixtures or declaration files), read from `root`. */
export function readSources(root: string, roots: readonly string[]): SourceFile[] {
  const out: SourceFile[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(join(root, dir), { withFileTypes: true })) {
      const p = `${dir}/${e.name}`;
      if (e.isDirectory()) {
        if (!/^(node_modules|__tests__|fixtures)$/.test(e.name)) walk(p);
      } else if (/\.tsx?$/.test(e.name) && !/\.(test|spec)\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts')) {
        out.push({ path: p, text: readFileSync(join(root, p), 'utf8') });
      }
    }
  };
  for (const r of roots) if (existsSync(join(root, r))) walk(r);
  return out;
}

/** Comments out, strings kept (import specifiers are strings). A `//` inside a string (a URL) is left alone. */
function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' ')).replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

/** Comments and string contents out: what is left is code (for the DOM-global check). */
function codeOnly(text: string): string {
  return stripComments(text).replace(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g, (m) => m.replace(/[^\n]/g, ' '));
}

const IMPORT_RE =
  /(?:\bimport|\bexport)\s[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)|new URL\(\s*['"](\.[^'"]+)['"]\s*,\s*import\.meta\.url\s*\)/g;

/** Every import of every file: static, side-effect, dynamic, and `new URL('./x.ts', import.meta.url)` (workers). */
export function importGraph(files: readonly SourceFile[]): ImportEdge[] {
  const known = new Set(files.map((f) => f.path));
  const resolve = (from: string, spec: string): string | null => {
    const base = normalize(join(dirname(from), spec)).split(sep).join('/').replace(/\.js$/, '');
    for (const c of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`]) if (known.has(c)) return c;
    return null;
  };
  const edges: ImportEdge[] = [];
  for (const f of files) {
    const text = stripComments(f.text);
    for (const m of text.matchAll(IMPORT_RE)) {
      const spec = m[1] ?? m[2] ?? m[3] ?? m[4];
      const line = text.slice(0, m.index).split('\n').length;
      if (spec.startsWith('.')) {
        const to = resolve(f.path, spec);
        // A stylesheet, a worker's sw.js, a JSON file: not a module of the graph, but still a place.
        edges.push(to ? { from: f.path, to, kind: 'file', line } : { from: f.path, to: normalize(join(dirname(f.path), spec)).split(sep).join('/'), kind: 'unresolved', line });
      } else {
        const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
        edges.push({ from: f.path, to: pkg, kind: 'package', line });
      }
    }
  }
  return edges;
}

/** `app/views/Diagram/Diagram.tsx` → `views`; `app/App.tsx` → `(top)`; null outside app/. */
export function appFolder(path: string): string | null {
  const p = path.split('/');
  if (p[0] !== 'app') return null;
  return p.length > 2 ? p[1] : '(top)';
}

function layerOf(folder: string): { layer: Layer; rank: number } | null {
  let rank = 0;
  for (const layer of LAYERS) {
    for (const f of layer.folders) {
      if (f === folder) return { layer, rank };
      rank++;
    }
  }
  return null;
}

/** Where a DOM global is used in a file's code, as `NAME at line N`. */
function domUses(f: SourceFile): string[] {
  const code = codeOnly(f.text);
  // A local binding of the same name (`let window = true`) is not the global.
  const own = new Set([...code.matchAll(/\b(?:let|const|var|function|class)\s+([\w$]+)/g)].map((m) => m[1]));
  const names = DOM_GLOBALS.filter((n) => !own.has(n));
  const re = new RegExp(`(?<![.\\w$])(${names.join('|')})\\b(?!\\s*:)`, 'g');
  return [...code.matchAll(re)].map((m) => `${m[1]} at line ${code.slice(0, m.index).split('\n').length}`);
}

/** Every import of app/ that points up or across the layers, and every file of an unknown folder. */
export function layerViolations(files: readonly SourceFile[], edges: readonly ImportEdge[]): string[] {
  const out: string[] = [];
  for (const f of files) {
    const folder = appFolder(f.path);
    if (folder === null) continue;
    const at = layerOf(folder);
    if (!at) {
      out.push(`${f.path}: app/${folder}/ is in no layer (add it to LAYERS in scripts/layers.ts and to docs/layers.md)`);
      continue;
    }
    if (at.layer.noDom) for (const u of domUses(f)) out.push(`${f.path}: uses the DOM global ${u} (the ${at.layer.name} layer is pure)`);
  }
  for (const e of edges) {
    const from = appFolder(e.from);
    if (from === null) continue;
    const a = layerOf(from);
    if (!a) continue;
    if (e.kind === 'package') {
      if (a.layer.noPackages.includes(e.to)) out.push(`${e.from}:${e.line}: imports ${e.to} (not allowed in the ${a.layer.name} layer)`);
      continue;
    }
    const to = appFolder(e.to);
    if (to === null) {
      if (!e.to.startsWith('core/')) out.push(`${e.from}:${e.line}: imports ${e.to}, outside app/ and core/`);
      continue;
    }
    if (to === from) continue;
    const b = layerOf(to);
    if (!b) continue; // reported above as a file of an unknown folder
    if (b.rank > a.rank) {
      const how = b.layer === a.layer ? `across, to a later ${b.layer.name} folder` : `up, from ${a.layer.name} to ${b.layer.name}`;
      out.push(`${e.from}:${e.line}: imports ${e.to} — app/${from} → app/${to} points ${how}`);
    }
  }
  return out;
}

/** Every import of core/ that leaves it, or reaches for a UI package, and every DOM global in its code. */
export function coreViolations(files: readonly SourceFile[], edges: readonly ImportEdge[]): string[] {
  const out: string[] = [];
  for (const f of files) if (f.path.startsWith('core/')) for (const u of domUses(f)) out.push(`${f.path}: uses the DOM global ${u}`);
  for (const e of edges) {
    if (!e.from.startsWith('core/')) continue;
    if (e.kind === 'package' ? CORE_NO_PACKAGES.includes(e.to) : !e.to.startsWith('core/')) {
      out.push(`${e.from}:${e.line}: core imports ${e.to}`);
      continue;
    }
    if (e.kind !== 'file') continue;
    const from = coreFolder(e.from)!;
    const to = coreFolder(e.to)!;
    if (from === to) continue;
    const a = CORE_LAYERS.indexOf(from);
    const b = CORE_LAYERS.indexOf(to);
    if (a < 0) out.push(`${e.from}: core/${from}/ is in no layer (add it to CORE_LAYERS in scripts/layers.ts and to docs/layers.md)`);
    else if (b > a) out.push(`${e.from}:${e.line}: imports ${e.to} — core/${from} → core/${to} points up the layers`);
  }
  return out;
}

/** Strongly connected components of more than one node (Tarjan): each is a cycle. */
export function cycles(graph: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  let i = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const res: string[][] = [];
  const visit = (v: string): void => {
    idx.set(v, i);
    low.set(v, i);
    i++;
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const c: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        c.push(w);
      } while (w !== v);
      if (c.length > 1) res.push(c.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return res;
}

/** The file graph, or the graph of first-level folders (`app/views`, `core/trace`, `app/(top)`). */
export function graphOf(edges: readonly ImportEdge[], by: 'file' | 'folder'): Map<string, Set<string>> {
  const key = (p: string): string => {
    if (by === 'file') return p;
    const s = p.split('/');
    return s.length > 2 ? `${s[0]}/${s[1]}` : `${s[0]}/(top)`;
  };
  const g = new Map<string, Set<string>>();
  for (const e of edges) {
    if (e.kind !== 'file') continue;
    const a = key(e.from);
    const b = key(e.to);
    if (a === b) continue;
    if (!g.has(a)) g.set(a, new Set());
    g.get(a)!.add(b);
  }
  return g;
}

/** The project's own sources, read from the project root. */
export function projectSources(): SourceFile[] {
  return readSources(join(import.meta.dirname, '..'), ['core', 'app']);
}
