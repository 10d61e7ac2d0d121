/**
 * Reads sample expressions as haproxy.cfg writes them: `fetch[(args)][,conv[(args)]]…`
 * (sample.c sample_parse_expr), and log-format strings with `%[expr]` parts (log.c
 * parse_logformat_string). Pure; problems are returned, not thrown.
 */
import type { Converter, LogFormat, LogFormatPart, SampleExpr } from '../../model/routing';
import { isModelledConverter } from '../../routing/converters';
import { FETCHES } from '../../routing/sample';

/** haproxy.cfg word unquoting: quotes removed, backslash escapes of quotes, backslash, blank, # and $ resolved (outside single quotes). */
export function unquote(w: string): string {
  let out = '';
  let q: '"' | "'" | null = null;
  for (let i = 0; i < w.length; i++) {
    const c = w[i]!;
    if (q === null && (c === '"' || c === "'")) q = c;
    else if (q !== null && c === q) q = null;
    // Only the characters the line parser escapes lose their backslash (`\.` stays for a regex).
    else if (c === '\\' && q !== "'" && i + 1 < w.length && '"\'\\ #$'.includes(w[i + 1]!)) out += w[++i]!;
    else out += c;
  }
  return out;
}

/** Splits `a,b(c,d),e` on commas outside parentheses. */
function splitTop(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

function nameAndArgs(s: string): { name: string; args: string[] } | null {
  const m = /^([A-Za-z0-9_.+-]+)(?:\((.*)\))?$/s.exec(s.trim());
  if (!m) return null;
  return { name: m[1]!, args: m[2] === undefined ? [] : splitArgs(m[2]) };
}

function splitArgs(s: string): string[] {
  // Commas separate arguments except inside quotes or after a backslash (regsub patterns).
  const out: string[] = [];
  let cur = '';
  let q: string | null = null;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\' && i + 1 < s.length) {
      cur += c + s[++i]!;
      continue;
    }
    if (q === null && (c === '"' || c === "'")) q = c;
    else if (c === q) q = null;
    if (c === ',' && q === null) {
      out.push(unquote(cur.trim()));
      cur = '';
    } else cur += c;
  }
  out.push(unquote(cur.trim()));
  return out;
}

export interface ParsedSample {
  readonly expr: SampleExpr | null;
  /** The fetch or converter the simulation does not model, if any. */
  readonly unmodelled?: string;
  readonly error?: string;
}

/** `req.hdr(host),lower` → a sample expression. */
export function parseSampleExpr(text: string): ParsedSample {
  const [head, ...convs] = splitTop(text);
  const f = head !== undefined ? nameAndArgs(head) : null;
  if (!f) return { expr: null, error: `cannot read the sample expression '${text}'; expected a fetch such as req.hdr(host)` };
  const converters: Converter[] = [];
  let unmodelled: string | undefined = FETCHES[f.name] ? undefined : `fetch '${f.name}'`;
  for (const c of convs) {
    const cv = nameAndArgs(c);
    if (!cv) return { expr: null, error: `cannot read the converter '${c}' in '${text}'` };
    if (!isModelledConverter(cv.name)) unmodelled ??= `converter '${cv.name}'`;
    converters.push(cv);
  }
  // A header name argument is case-insensitive; keep it as written.
  const expr: SampleExpr = { fetch: f.name, args: f.args, converters, text };
  return unmodelled ? { expr, unmodelled } : { expr };
}

/** A log-format string: literal text and `%[expr]` parts (other `%` variables are kept as text). */
export function parseLogFormat(raw: string): { format: LogFormat; unmodelled?: string; error?: string } {
  const text = unquote(raw);
  const parts: LogFormatPart[] = [];
  let lit = '';
  let unmodelled: string | undefined;
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('%[', i)) {
      const end = text.indexOf(']', i + 2);
      if (end < 0) return { format: { parts, text }, error: `missing ']' in '${text}'` };
      const p = parseSampleExpr(text.slice(i + 2, end));
      if (p.error || !p.expr) return { format: { parts, text }, error: p.error };
      unmodelled ??= p.unmodelled;
      if (lit) parts.push({ lit });
      lit = '';
      parts.push({ expr: p.expr });
      i = end + 1;
    } else {
      lit += text[i];
      i++;
    }
  }
  if (lit) parts.push({ lit });
  return unmodelled ? { format: { parts, text }, unmodelled } : { format: { parts, text } };
}

/** Is this backend name a log-format string (it has a `%[`)? */
export function isLogFormat(name: string): boolean {
  return name.includes('%[');
}
