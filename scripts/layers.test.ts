/** app/'s layers point one way and core/ stays below the page (docs/layers.md; the rules: scripts/layers.ts). */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORE_LAYERS, coreViolations, cycles, graphOf, importGraph, LAYERS, layerViolations, projectSources, type SourceFile } from './layers';

const root = join(import.meta.dirname, '..');
const files = projectSources();
const edges = importGraph(files);

describe('the project', () => {
  it('reads the import graph of core/ and app/', () => {
    // A parser that found nothing would pass every rule below.
    expect(files.some((f) => f.path === 'app/store/actions.ts')).toBe(true);
    expect(edges).toContainEqual(expect.objectContaining({ from: 'app/store/actions.ts', to: 'app/sim/runner.ts', kind: 'file' }));
    expect(edges).toContainEqual(expect.objectContaining({ from: 'app/store/index.ts', to: 'zustand', kind: 'package' }));
  });

  it('app/: every import points down the layers, never up or across', () => {
    expect(layerViolations(files, edges)).toEqual([]);
  });

  it('core/: imports nothing of app/, no React, zustand, Monaco or uPlot, and uses no DOM global', () => {
    expect(coreViolations(files, edges)).toEqual([]);
  });

  it('has no import cycle between files, nor between the first-level folders of core/ and app/', () => {
    expect(cycles(graphOf(edges, 'file'))).toEqual([]);
    expect(cycles(graphOf(edges, 'folder'))).toEqual([]);
  });

  it('every folder of the layers exists, and docs/layers.md names each one', () => {
    const doc = readFileSync(join(root, 'docs/layers.md'), 'utf8');
    for (const f of CORE_LAYERS) {
      if (f !== '(top)') expect(existsSync(join(root, 'core', f)), `core/${f}/`).toBe(true);
      if (f !== 'test') expect(doc, `docs/layers.md names core's ${f}`).toContain(f === '(top)' ? 'index.ts' : `${f}/`);
    }
    for (const l of LAYERS) {
      for (const f of l.folders) {
        if (f !== '(top)') expect(existsSync(join(root, 'app', f)), `app/${f}/`).toBe(true);
        expect(doc, `docs/layers.md names ${f}`).toContain(f === '(top)' ? 'App.tsx' : `${f}/`);
      }
    }
  });
});

describe('the checker', () => {
  const src = (path: string, text: string): SourceFile => ({ path, text });

  it('reports an import of core/ that points up its layers (the model reading an engine)', () => {
    const fs = [src('core/engines/e.ts', 'export const e = 1;'), src('core/model/m.ts', "import { e } from '../engines/e';\nexport const m = e;"), src('core/run/r.ts', "import { m } from '../model/m';")];
    expect(coreViolations(fs, importGraph(fs))).toEqual(['core/model/m.ts:1: imports core/engines/e.ts — core/model → core/engines points up the layers']);
  });
  const check = (fs: SourceFile[]) => layerViolations(fs, importGraph(fs));

  it('lets an import point down, and reports one that points up or across', () => {
    const base = [src('app/model/a.ts', 'export const a = 1;'), src('app/store/index.ts', "import { a } from '../model/a';\nexport const s = a;")];
    expect(check(base)).toEqual([]);
    const up = [...base, src('app/views/v.ts', "export const v = 1;"), src('app/model/b.ts', "// a comment: import { v } from '../views/v';\nimport type { V } from '../views/v';\n")];
    expect(check(up)).toEqual(['app/model/b.ts:2: imports app/views/v.ts — app/model → app/views points up, from model to features']);
    const across = [src('app/compare/c.ts', 'export const c = 1;'), src('app/views/v.ts', "export { c } from '../compare/c';")];
    expect(check(across)).toEqual(['app/views/v.ts:1: imports app/compare/c.ts — app/views → app/compare points across, to a later features folder']);
  });

  it('reports a dynamic import, a worker URL and a stylesheet that point up', () => {
    const fs = [
      src('app/shell/S.tsx', 'export const s = 1;'),
      src('app/shell/w.ts', ''),
      src('app/store/x.ts', "const m = import('../shell/S');\nnew Worker(new URL('../shell/w.ts', import.meta.url));\nimport '../shell/s.css';"),
    ];
    expect(check(fs).map((v) => v.split(' — ')[0])).toEqual(['app/store/x.ts:1: imports app/shell/S.tsx', 'app/store/x.ts:2: imports app/shell/w.ts', 'app/store/x.ts:3: imports app/shell/s.css']);
  });

  it('reports a folder in no layer, a UI package in a pure layer, and a DOM global in model code', () => {
    const fs = [
      src('app/widgets/w.ts', ''),
      src('app/model/m.ts', "import { useState } from 'react';\nconst w = window.innerWidth; // not document\nconst s = 'document';\nconst o = { window: 1 };\n"),
      src('app/sim/s.ts', "import type { StoreApi } from 'zustand/vanilla';"),
    ];
    expect(check(fs)).toEqual([
      'app/widgets/w.ts: app/widgets/ is in no layer (add it to LAYERS in scripts/layers.ts and to docs/layers.md)',
      'app/model/m.ts: uses the DOM global window at line 2 (the model layer is pure)',
      'app/model/m.ts:1: imports react (not allowed in the model layer)',
      'app/sim/s.ts:1: imports zustand (not allowed in the sim layer)',
    ]);
  });

  it('reports core/ importing app/, a UI package or the DOM, but not a local of a DOM name', () => {
    const fs = [
      src('app/store/index.ts', ''),
      src('core/a.ts', "import { s } from '../app/store';\nimport * as monaco from 'monaco-editor/editor';\nimport { join } from 'node:path';"),
      src('core/b.ts', 'export function f() { let window = true; window = false; return window; }'),
      src('core/c.ts', 'export const n = navigator.hardwareConcurrency;'),
    ];
    expect(coreViolations(fs, importGraph(fs))).toEqual([
      'core/c.ts: uses the DOM global navigator at line 1',
      'core/a.ts:1: core imports app/store/index.ts',
      'core/a.ts:2: core imports monaco-editor',
    ]);
  });

  it('finds a cycle between files and between folders', () => {
    const fs = [src('app/store/a.ts', "import './b';"), src('app/store/b.ts', "import { x } from '../views/c';"), src('app/views/c.ts', "import '../store/a';")];
    const g = importGraph(fs);
    expect(cycles(graphOf(g, 'file'))).toEqual([['app/store/a.ts', 'app/store/b.ts', 'app/views/c.ts']]);
    expect(cycles(graphOf(g, 'folder'))).toEqual([['app/store', 'app/views']]);
  });
});
