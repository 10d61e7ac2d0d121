/**
 * Converters the simulation models (HAProxy 2.6.0 src/sample.c, src/map.c): lower, upper, word,
 * field, regsub and map. A map's entries come from the scenario's `file PATH` section; without
 * one every key misses (the default value applies when one is given), and compiling says so.
 */
import type { Converter } from '../model/routing';
import { matchString, regexOf } from './pattern';
import type { Sample } from './sample';

export const MODELLED_CONVERTERS = ['lower', 'upper', 'word', 'field', 'regsub', 'map', 'map_str', 'map_beg', 'map_dom', 'map_end', 'map_sub', 'map_reg'] as const;

export function isModelledConverter(name: string): boolean {
  return (MODELLED_CONVERTERS as readonly string[]).includes(name);
}

/** Applies one converter; null when the conversion fails (the expression then gives no value). */
export function convert(c: Converter, smp: Sample): Sample | null {
  const s = smp.type === 'bool' ? (smp.v ? '1' : '0') : String(smp.v);
  const a = c.args;
  switch (c.name) {
    case 'lower':
      return { type: 'str', v: s.toLowerCase() };
    case 'upper':
      return { type: 'str', v: s.toUpperCase() };
    case 'word': {
      // sample_conv_word (sample.c:2513-2608): runs of delimiters separate words; a missing word is empty.
      const n = Number(a[0]);
      const words = splitOn(s, a[1] ?? '').filter((w) => w !== '');
      if (!Number.isInteger(n) || n === 0) return null;
      const w = n > 0 ? words[n - 1] : words[words.length + n];
      return { type: 'str', v: w ?? '' };
    }
    case 'field': {
      // sample_conv_field (sample.c:2435-2511): every delimiter separates; a missing field fails.
      const n = Number(a[0]);
      const fields = splitOn(s, a[1] ?? '');
      if (!Number.isInteger(n) || n === 0) return null;
      const f = n > 0 ? fields[n - 1] : fields[fields.length + n];
      return f === undefined ? null : { type: 'str', v: f };
    }
    case 'regsub': {
      // sample_conv_regsub (sample.c:2647-2712): flags i (ignore case) and g (every match).
      const flags = a[2] ?? '';
      const re = regexOf(a[0] ?? '', flags.includes('i'));
      if (!re) return null;
      const g = new RegExp(re.source, re.flags + (flags.includes('g') ? 'g' : ''));
      const subst = (a[1] ?? '').replace(/\\(\d)/g, '$$$1');
      return { type: 'str', v: s.replace(g, subst) };
    }
    default: {
      if (!c.name.startsWith('map')) return null;
      // map.c sample_conv_map: the entry's value on a hit, else the default, else no value.
      const v = c.map ? mapLookup(c.name, c.map, s) : undefined;
      if (v !== undefined) return { type: 'str', v };
      return a[1] !== undefined ? { type: 'str', v: a[1] } : null;
    }
  }
}

const MAP_METHOD: Readonly<Record<string, 'str' | 'beg' | 'end' | 'sub' | 'reg' | 'dom'>> = {
  map: 'str', map_str: 'str', map_beg: 'beg', map_end: 'end', map_sub: 'sub', map_reg: 'reg', map_dom: 'dom',
};

/**
 * The value a map gives for `key`. `str` and `beg` entries sit in a tree (pattern.c
 * pat_idx_tree_str / pat_idx_tree_pfx): an exact key, or the longest key the sample begins with
 * (pat_match_beg's ebmb_lookup_longest, pattern.c:666). The others are a list: the first entry in
 * the file's order that matches (pat_match_end/sub/reg/dom).
 */
export function mapLookup(name: string, entries: readonly (readonly [string, string])[], key: string): string | undefined {
  const method = MAP_METHOD[name];
  if (!method) return undefined;
  if (method === 'beg') {
    let best: readonly [string, string] | undefined;
    for (const e of entries) if (key.startsWith(e[0]) && (!best || e[0].length > best[0].length)) best = e;
    return best?.[1];
  }
  return entries.find((e) => matchString(method, e[0], key, false))?.[1];
}

function splitOn(s: string, delims: string): string[] {
  if (delims === '') return [s];
  const out: string[] = [];
  let cur = '';
  for (const ch of s) {
    if (delims.includes(ch)) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}
