/**
 * Converters the simulation models (HAProxy 2.6.0 src/sample.c, src/map.c): lower, upper, word,
 * field, regsub and map. A map's file is not read by the simulation: every key misses (the
 * default value applies when one is given), and compiling the scenario says so.
 */
import type { Converter } from '../model/routing';
import { regexOf } from './pattern';
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
    default:
      // map*: the file is not loaded, so the key is never found (map.c sample_conv_map).
      if (c.name.startsWith('map')) return a[1] !== undefined ? { type: 'str', v: a[1] } : null;
      return null;
  }
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
