/**
 * Real haproxy.cfg files from public repositories (core/test/configs, origins in manifest.json,
 * refreshed by scripts/configs-corpus.mjs) against what Debian's HAProxy 2.6.12 said of each:
 *   - a file the binary accepts, or refuses only for missing files, host names that do not resolve
 *     here, modules Debian does not build or keywords it refuses, checks without error on every
 *     engine (seed and parent follow 1.9, whose refusals are warnings too);
 *   - every line the binary refuses for its keyword gets our refusal (or error) on the same line
 *     at the modern engine, and every refusal we report at modern is on a line the binary objected to.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REFUSED_CODE } from '../scenario/acceptance';
import { checkScenario } from '../scenario/index';

interface Alert { readonly line?: number; readonly kind: string; readonly message: string }
interface Entry {
  readonly id: string; readonly file: string; readonly repository: string; readonly path: string; readonly commit: string;
  readonly licence: string; readonly kind: string; readonly sha256: string;
  readonly haproxy: { readonly exitCode: number; readonly valid: boolean; readonly alerts: readonly Alert[] };
}

const DIR = join(import.meta.dirname, 'configs');
const manifest = JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8')) as { binary: string; files: Entry[] };
const TOLERATED = new Set(['missing-file', 'unresolvable-host', 'refused-keyword', 'module-not-built']);

const read = (e: Entry) => readFileSync(join(DIR, e.file), 'utf8');
/** Go templates and the like: the binary cannot parse them for reasons outside the configuration. */
const isTemplate = (e: Entry) => e.kind.endsWith('-template');

describe('the corpus', () => {
  it('holds at least 50 files of several kinds, each with its origin, licence and verbatim text', () => {
    expect(manifest.binary).toMatch(/^HAProxy version 2\.6\.12/);
    expect(manifest.files.length).toBeGreaterThanOrEqual(50);
    expect(new Set(manifest.files.map((e) => e.repository)).size).toBeGreaterThanOrEqual(10);
    expect(new Set(manifest.files.map((e) => e.kind))).toEqual(expect.objectContaining({ size: expect.any(Number) }));
    expect(new Set(manifest.files.map((e) => e.kind)).size).toBeGreaterThanOrEqual(5);
    for (const e of manifest.files) {
      expect(e.commit, e.id).toMatch(/^[0-9a-f]{40}$/);
      expect(e.licence, e.id).not.toBe('');
      expect(createHash('sha256').update(read(e)).digest('hex'), e.id).toBe(e.sha256);
    }
  });
});

describe('each file: accepted where HAProxy 2.6 accepts it, refused where it refuses it', () => {
  for (const e of manifest.files.filter((x) => !isTemplate(x))) {
    it(e.id, () => {
      const text = read(e);
      const alerts = e.haproxy.alerts;
      const modern = checkScenario(text, { engine: 'modern' }).diagnostics;
      if (e.haproxy.valid || alerts.every((a) => TOLERATED.has(a.kind))) {
        for (const engine of ['seed', 'modern'] as const) {
          const errors = (engine === 'modern' ? modern : checkScenario(text, { engine }).diagnostics).filter((d) => d.severity === 'error');
          expect(errors.map((d) => `${engine} ${d.line}:${d.column} ${d.message}`)).toEqual([]);
        }
      }
      // The binary's keyword refusals are ours too, on the same line.
      const oursAt = new Set(modern.filter((d) => d.code === REFUSED_CODE || d.severity === 'error').map((d) => d.line));
      for (const a of alerts.filter((x) => x.kind === 'refused-keyword' && x.line !== undefined)) {
        expect(oursAt.has(a.line!), `line ${a.line}: ${a.message}`).toBe(true);
      }
      // And we refuse nothing the binary accepted (it stops after 50 fatal errors).
      const stopped = alerts.find((a) => /too many fatal errors/.test(a.message))?.line ?? Infinity;
      const theirs = new Set(alerts.map((a) => a.line));
      for (const d of modern.filter((x) => x.code === REFUSED_CODE && x.line < stopped)) {
        expect(theirs.has(d.line), `${d.line}:${d.column} ${d.message}`).toBe(true);
      }
    });
  }
});
