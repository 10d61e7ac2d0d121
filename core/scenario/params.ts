/**
 * Parameters and sweeps (issue 18), a pass between the lexer and the parser.
 *
 * At the top of a scenario, before its first section:
 *   param NAME VALUE                    a named value
 *   sweep NAME V1 V2 …                  a parameter with several values (one run each)
 *   sweep NAME FROM..TO [step S]        the same, counted: `sweep clients 10..100 step 10`, `sweep rt 10ms..50ms step 10ms`
 *   seed N                              the seed of every random draw (arrivals, response-time distributions)
 * Up to two sweeps (a grid). Elsewhere `$NAME` stands for the parameter's value inside any word
 * (`open web[1..$clients] h1`, `timeout server $t`, `http-reuse $mode`, `engine $engine`);
 * quoted text is left alone (haproxy.cfg's own `"${VAR}"`). A parameter named `engine` chooses the
 * engine when the scenario has no `engine` line (`sweep engine seed parent modern`).
 *
 * In a scenario that declares no parameter, `$NAME` stays text (with a warning), so that every old
 * scenario keeps its meaning. Substitution keeps each word's span: an error in a substituted value points at the word that
 * holds `$NAME`. Which value a parameter takes is chosen by the caller (a sweep point); by default
 * a param's VALUE and a sweep's first value. Pure, never throws.
 */
import type { ParamDecl, Span, Word } from './ast';
import { CONFIG_SECTIONS, PLAYGROUND_SECTIONS, keywordsIn } from './keywords';
import type { Line } from './lexer';
import { METRIC_NAMES, type MetricName } from '../model/metric-names';
import type { RawDiagnostic } from './positions';
import { suggest } from './suggest';

export interface ParamsResult {
  /** The other lines, `$NAME` replaced by the chosen values. */
  readonly lines: Line[];
  readonly params: ParamDecl[];
  /** `seed N`, if given. */
  readonly seed: { readonly value: number; readonly span: Span } | null;
  /** `plot METRIC`, if given: the metric a sweep's chart shows first. */
  readonly plot: { readonly metric: MetricName; readonly span: Span } | null;
  /** The chosen value of a parameter named `engine`, as a word (spanning its declaration). */
  readonly engine: Word | null;
  /** The value each parameter takes in this parse. */
  readonly values: Readonly<Record<string, string>>;
  /** Spans of words that name an unknown parameter: other errors on them are echoes. */
  readonly badWords: readonly Span[];
}

export const MAX_SWEEPS = 2;
export const MAX_SWEEP_VALUES = 1000;
export const MAX_SEED = 0xffff_ffff;
const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;
const REF_START = /[A-Za-z_]/;
const REF_CHAR = /[A-Za-z0-9_]/;
const METHOD_RE = /^[A-Z][A-Z0-9_-]*$/;
const HEADS = new Set(['param', 'sweep', 'seed', 'plot']);

let sectionWords: Set<string> | null = null;
/** Words that open a section (also the ignored ones, such as `peers`): the top ends at the first. */
function isSectionWord(w: string): boolean {
  sectionWords ??= new Set<string>([...CONFIG_SECTIONS, ...PLAYGROUND_SECTIONS, 'userlist', 'file', ...keywordsIn('section').filter((k) => !k.modelled).map((k) => k.name)]);
  return sectionWords.has(w);
}

type Report = (d: RawDiagnostic) => void;

function error(report: Report, code: string, span: Span, message: string, expected?: string, suggestion?: string): void {
  const msg = suggestion !== undefined ? `${message}; did you mean '${suggestion}'?` : message;
  report({ severity: 'error', code, span, message: msg, ...(expected ? { expected } : {}), ...(suggestion !== undefined ? { suggestion } : {}) });
}

function spanOf(ws: readonly Word[]): Span {
  return { from: ws[0]!.span.from, to: ws[ws.length - 1]!.span.to };
}

/** Splits off the parameter lines and substitutes `$NAME` in the others. */
export function takeParams(lines: readonly Line[], report: Report, chosen?: Readonly<Record<string, string>>): ParamsResult {
  const params: ParamDecl[] = [];
  const rest: Line[] = [];
  let seedLine: Line | null = null;
  let plot: ParamsResult['plot'] = null;
  let top = true;
  for (const line of lines) {
    const ws = line.words;
    const head = ws[0]!.text;
    if (top && isSectionWord(head)) top = false;
    if (!HEADS.has(head)) {
      rest.push(line);
      continue;
    }
    if (!top) {
      // `seed GET /` or `param close idle`: an old script's client or server with that name (`plot` too).
      const second = ws[1]?.text;
      if (second !== undefined && (METHOD_RE.test(second) || second === 'close')) {
        rest.push(line);
        continue;
      }
      error(report, 'misplaced-param', spanOf(ws), `'${head}' lines go at the top of the scenario, before the first section; move this line up`, 'a param, sweep, seed or plot line before the first section');
      continue;
    }
    if (head === 'seed') {
      if (seedLine) error(report, 'duplicate-seed', spanOf(ws), `a second 'seed' line; expected one seed per scenario`, 'one seed line');
      else seedLine = line;
      continue;
    }
    if (head === 'plot') {
      if (plot) error(report, 'duplicate-plot', spanOf(ws), `a second 'plot' line; expected one plot per scenario`, 'one plot line');
      else plot = plotLine(ws, report);
      continue;
    }
    const decl = head === 'param' ? paramLine(ws, report) : sweepLine(ws, report, params.filter((p) => p.swept).length);
    if (!decl) continue;
    if (params.some((p) => p.name.text === decl.name.text)) {
      error(report, 'duplicate-param', decl.name.span, `parameter '${decl.name.text}' is declared twice; expected each name once`, 'a new parameter name');
      continue;
    }
    params.push(decl);
  }
  // No prototype: `$valueOf` or `$constructor` must not find Object's own members.
  const values: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const p of params) values[p.name.text] = (chosen && Object.hasOwn(chosen, p.name.text) ? chosen[p.name.text] : undefined) ?? p.values[0]!;
  const badWords: Span[] = [];
  const names = params.map((p) => p.name.text);
  const subst = (w: Word): Word => {
    const text = substitute(w, values, names, report);
    if (text === null) {
      badWords.push(w.span);
      return w;
    }
    return text === w.text ? w : { text, span: w.span };
  };
  const out: Line[] = rest.map((l) => {
    if (!l.words.some((w) => w.text.includes('$'))) return l;
    return { ...l, words: l.words.map(subst) };
  });
  let seed: ParamsResult['seed'] = null;
  if (seedLine) seed = seedValue(seedLine.words.map(subst), report);
  const eng = params.find((p) => p.name.text === 'engine');
  const engine: Word | null = eng ? { text: values.engine!, span: eng.span } : null;
  return { lines: out, params, seed, plot, engine, values, badWords };
}

/** `plot METRIC`: one of the sweep's metrics (core/model/metric-names.ts). */
function plotLine(ws: readonly Word[], report: Report): ParamsResult['plot'] {
  const names = METRIC_NAMES.join(', ');
  if (ws.length !== 2) {
    const at = ws.length < 2 ? spanOf(ws) : spanOf(ws.slice(2));
    error(report, ws.length < 2 ? 'missing-argument' : 'unexpected-argument', at, ws.length < 2 ? `missing metric after 'plot'; expected one of ${names}` : `unexpected '${ws[2]!.text}' after 'plot ${ws[1]!.text}'; expected the end of the line`, ws.length < 2 ? `one of ${names}` : 'the end of the line');
    return null;
  }
  const w = ws[1]!;
  if (!(METRIC_NAMES as readonly string[]).includes(w.text)) {
    const s = suggest(w.text, METRIC_NAMES);
    error(report, 'unknown-metric', w.span, `unknown metric '${w.text}'; expected one of ${names}`, `one of ${names}`, s ?? undefined);
    return null;
  }
  return { metric: w.text as MetricName, span: spanOf(ws) };
}

function paramLine(ws: readonly Word[], report: Report): ParamDecl | null {
  if (ws.length < 3) {
    error(report, 'missing-argument', spanOf(ws), `missing ${ws.length < 2 ? 'name and value' : 'value'} after '${ws.map((w) => w.text).join(' ')}'; expected param NAME VALUE`, 'param NAME VALUE');
    return null;
  }
  if (ws.length > 3) {
    error(report, 'unexpected-argument', spanOf(ws.slice(3)), `unexpected '${ws[3]!.text}' after 'param ${ws[1]!.text} ${ws[2]!.text}'; expected the end of the line (a value with blanks needs quotes; several values make a sweep)`, 'the end of the line');
    return null;
  }
  if (!checkName(ws[1]!, report) || !checkValue(ws[2]!, report)) return null;
  return { name: ws[1]!, values: [ws[2]!.text], swept: false, span: spanOf(ws) };
}

function sweepLine(ws: readonly Word[], report: Report, sweeps: number): ParamDecl | null {
  if (ws.length < 3) {
    error(report, 'missing-argument', spanOf(ws), `missing ${ws.length < 2 ? 'name and values' : 'values'} after '${ws.map((w) => w.text).join(' ')}'; expected sweep NAME V1 V2 … or sweep NAME FROM..TO step S`, 'sweep NAME V1 V2 … or sweep NAME FROM..TO step S');
    return null;
  }
  if (sweeps >= MAX_SWEEPS) {
    error(report, 'too-many-sweeps', spanOf(ws), `a third sweep; expected at most ${MAX_SWEEPS} (a grid of two parameters) — make this one a param`, `at most ${MAX_SWEEPS} sweeps`);
    return null;
  }
  if (!checkName(ws[1]!, report)) return null;
  const counted = ws[2]!.text.includes('..');
  let values: string[] | null;
  if (counted) values = countedValues(ws, report);
  else {
    values = [];
    for (const w of ws.slice(2)) {
      if (!checkValue(w, report)) return null;
      values.push(w.text);
    }
    if (values.length > MAX_SWEEP_VALUES) {
      error(report, 'out-of-range', spanOf(ws.slice(2)), `${values.length} values; expected at most ${MAX_SWEEP_VALUES}`, `at most ${MAX_SWEEP_VALUES} values`);
      return null;
    }
  }
  if (!values) return null;
  return { name: ws[1]!, values, swept: true, span: spanOf(ws) };
}

function checkName(w: Word, report: Report): boolean {
  if (NAME_RE.test(w.text)) return true;
  error(report, 'invalid-name', w.span, `invalid parameter name '${w.text}'; expected letters, digits and _ (not starting with a digit), e.g. clients`, 'a name such as clients');
  return false;
}

function checkValue(w: Word, report: Report): boolean {
  if (!w.text.includes('$')) return true;
  error(report, 'invalid-value', w.span, `a parameter's value cannot refer to another parameter ('${w.text}'); expected a plain value`, 'a plain value such as 100 or 20ms');
  return false;
}

const NUM_UNIT = /^(\d{1,12}(?:\.\d{1,6})?)([A-Za-z/]*)$/;

/** `FROM..TO [step S]`: numbers with an optional common unit (`10..100`, `10ms..50ms step 10ms`). */
function countedValues(ws: readonly Word[], report: Report): string[] | null {
  const range = ws[2]!;
  const expected = 'FROM..TO [step S], e.g. 10..100 step 10 or 10ms..50ms step 10ms';
  const [a, b] = range.text.split('..');
  const from = a !== undefined ? NUM_UNIT.exec(a) : null;
  const to = b !== undefined ? NUM_UNIT.exec(b) : null;
  if (!from || !to || range.text.split('..').length !== 2) {
    error(report, 'invalid-range', range.span, `invalid range '${range.text}'; expected ${expected}`, expected);
    return null;
  }
  let stepText = '1';
  if (ws.length > 3) {
    if (ws[3]!.text !== 'step' || ws.length !== 5) {
      const bad = ws[3]!.text !== 'step' ? ws[3]! : (ws[5] ?? ws[3]!);
      error(report, 'unexpected-argument', bad.span, `unexpected '${bad.text}' in a counted sweep; expected ${expected}`, expected, ws[3]!.text !== 'step' ? suggest(ws[3]!.text, ['step']) : undefined);
      return null;
    }
    stepText = ws[4]!.text;
  }
  const step = NUM_UNIT.exec(stepText);
  const unit = from[2] || to[2] || step?.[2] || '';
  const units = [from[2], to[2], step?.[2] ?? ''].filter((u) => u !== '');
  if (!step || units.some((u) => u !== unit)) {
    const w = ws[4] ?? range;
    error(report, 'invalid-range', step ? range.span : w.span, step ? `the range and its step use different units in '${ws.slice(2).map((x) => x.text).join(' ')}'; expected one unit, e.g. 10ms..50ms step 10ms` : `invalid step '${stepText}'; expected a number such as 10`, expected);
    return null;
  }
  // Whole numbers in units of the finest decimal written, so that 0.1 steps add up exactly.
  const decimals = Math.max(...[from[1]!, to[1]!, step[1]!].map((x) => (x.includes('.') ? x.length - x.indexOf('.') - 1 : 0)));
  const scale = 10 ** decimals;
  const lo = Math.round(Number(from[1]) * scale);
  const hi = Math.round(Number(to[1]) * scale);
  const s = Math.round(Number(step[1]) * scale);
  if (s <= 0 || lo > hi) {
    error(report, 'invalid-range', s <= 0 ? (ws[4] ?? range).span : range.span, s <= 0 ? `step must be above 0; expected ${expected}` : `empty range '${range.text}': ${from[1]} is above ${to[1]}; expected FROM ≤ TO`, expected);
    return null;
  }
  const n = Math.floor((hi - lo) / s) + 1;
  if (n > MAX_SWEEP_VALUES) {
    error(report, 'out-of-range', spanOf(ws.slice(2)), `'${ws.slice(2).map((x) => x.text).join(' ')}' gives ${n} values; expected at most ${MAX_SWEEP_VALUES} (a larger step)`, `at most ${MAX_SWEEP_VALUES} values`);
    return null;
  }
  const out: string[] = [];
  for (let k = 0; k < n; k++) {
    const v = lo + k * s;
    out.push(`${decimals > 0 ? (v / scale).toFixed(decimals).replace(/\.?0+$/, '') : String(v)}${unit}`);
  }
  return out;
}

function seedValue(ws: readonly Word[], report: Report): ParamsResult['seed'] {
  const expected = `a whole number from 0 to ${MAX_SEED}`;
  if (ws.length !== 2) {
    if (ws.length < 2) error(report, 'missing-argument', ws[0]!.span, `missing number after 'seed'; expected ${expected}`, expected);
    else error(report, 'unexpected-argument', spanOf(ws.slice(2)), `unexpected '${ws[2]!.text}' after 'seed ${ws[1]!.text}'; expected the end of the line`, 'the end of the line');
    return null;
  }
  const w = ws[1]!;
  if (!/^\d{1,10}$/.test(w.text) || Number(w.text) > MAX_SEED) {
    if (!w.text.includes('$')) error(report, 'expected-number', w.span, `invalid seed '${w.text}'; expected ${expected}`, expected);
    return null;
  }
  return { value: Number(w.text), span: spanOf(ws) };
}

const CRYPT_HASH = /^\$(1|2[abxy]?|5|6|y|gy|7|sha1|md5)\$/;

/**
 * The word's text with each `$NAME` outside quotes replaced; null (after reporting) when a name is
 * unknown. A `$` not followed by a letter or `_` is text (`path_reg ^/a$`).
 */
function substitute(w: Word, values: Readonly<Record<string, string>>, names: readonly string[], report: Report): string | null {
  const t = w.text;
  // A crypt(3) hash (`$5$salt$…`, a userlist password) is text: a parameter name never starts with a digit.
  if (CRYPT_HASH.test(t)) return t;
  let out = '';
  let quote = '';
  let ok = true;
  for (let i = 0; i < t.length; i++) {
    const ch = t[i]!;
    if (quote) {
      if (ch === '\\' && quote === '"') {
        out += t.slice(i, i + 2);
        i++;
        continue;
      }
      if (ch === quote) quote = '';
      out += ch;
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '\\') {
      out += t.slice(i, i + 2);
      i++;
      continue;
    } else if (ch === '$' && REF_START.test(t[i + 1] ?? '')) {
      let j = i + 1;
      while (j < t.length && REF_CHAR.test(t[j]!)) j++;
      const name = t.slice(i + 1, j);
      const v = Object.hasOwn(values, name) ? values[name] : undefined;
      if (v === undefined) {
        const span = { from: w.span.from + i, to: w.span.from + j };
        if (names.length === 0) {
          // A scenario without parameters keeps `$` as text (an old path such as /a$b means what it meant).
          report({ severity: 'warning', code: 'unknown-param', span, message: `'$${name}' is ignored as a parameter (this scenario declares none) and kept as text; to make it one, add \`param ${name} VALUE\` at the top`, expected: 'a declared parameter' });
        } else {
          ok = false;
          const s = suggest(name, names);
          error(report, 'unknown-param', span, `unknown parameter '$${name}'; expected a declared parameter (${names.map((n) => `$${n}`).join(', ')})`, 'a declared parameter', s === undefined ? undefined : `$${s}`);
        }
        out += t.slice(i, j);
      } else out += v;
      i = j - 1;
      continue;
    }
    out += ch;
  }
  return ok ? out : null;
}
