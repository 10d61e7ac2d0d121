/**
 * HAProxy's conditional blocks and messages in a configuration (since 2.4): `.if COND`, `.elif COND`,
 * `.else`, `.endif` keep or drop the lines between them (cfgparse.c:1887-2040 of v2.6.0), and
 * `.notice`, `.warning`, `.alert`, `.diag` print a message (2047-2095; `.alert` stops the start).
 * The lines of a dropped branch are not read at all, as HAProxy does not read them. Pure.
 *
 * A condition is evaluated as that release would (cfgcond.c:182-265 of v2.6.0): `version_atleast(V)`
 * and `version_before(V)` against the release the `engine` line names (2.6.0 without one, 1.9 for
 * seed and parent), `defined(NAME)` false (no environment here), `feature(NAME)`, `enabled(NAME)` and
 * the OpenSSL predicates as Debian's build answers them (a note says so), `streq`/`strneq` on the
 * words, a number true unless 0; `!`, `&&`, `||` and parentheses combine them.
 */
import type { Span, Word } from './ast';
import { lexLines, type Line } from './lexer';
import { Silent, type Report } from './grammar/report';

/** The release a scenario's `engine` line names, for `version_atleast` (1.9 for seed and parent). */
export function releaseOf(lines: readonly Line[]): string {
  const e = lines.find((l) => l.words[0]!.text === 'engine');
  const name = e?.words[1]?.text;
  if (name === 'seed' || name === 'parent') return '1.9';
  const v = e?.words[2]?.text;
  return v && /^\d+\.\d+$/.test(v) ? `${v}.0` : '2.6.0';
}

interface Branch {
  /** The lines of the branch being read are kept. */
  keep: boolean;
  /** A branch of this block was taken already (the next `.elif`/`.else` are not). */
  taken: boolean;
  /** The block is inside a dropped branch: nothing of it is kept. */
  readonly dead: boolean;
  readonly at: Span;
  elsed: boolean;
}

/** The lines a release reads: the blocks' lines, its messages and the dropped branches taken out. */
export function takeConditionals(lines: readonly Line[], r: Report, release: string): Line[] {
  if (!lines.some((l) => l.words[0]!.text.startsWith('.'))) return [...lines];
  const out: Line[] = [];
  const stack: Branch[] = [];
  const live = () => stack.every((b) => b.keep);
  let said19 = false;
  for (const line of lines) {
    const ws = line.words;
    const head = ws[0]!.text;
    if (release === '1.9' && !said19 && CONDITIONAL.has(head)) {
      said19 = true;
      r.warn('refused-by-haproxy', line.span, `HAProxy would refuse '${head}' at 1.9 (conditional blocks and messages came in 2.4); the simulation reads them as 2.4 and later do`);
    }
    if (head === '.if') {
      const dead = !live();
      const keep = !dead && evaluate(ws.slice(1), r, release, line.span);
      stack.push({ keep, taken: keep, dead, at: line.span, elsed: false });
    } else if (head === '.elif' || head === '.else') {
      const b = stack[stack.length - 1];
      if (!b || b.elsed) {
        r.error('misplaced-conditional', line.span, b ? `'${head}' after '.else' in the same block` : `'${head}' without a '.if' before it`, "'.if COND' before it, and '.endif' after");
        continue;
      }
      if (head === '.else') {
        b.elsed = true;
        b.keep = !b.dead && !b.taken;
      } else {
        b.keep = !b.dead && !b.taken && evaluate(ws.slice(1), r, release, line.span);
      }
      b.taken ||= b.keep;
    } else if (head === '.endif') {
      if (!stack.pop()) r.error('misplaced-conditional', line.span, `'.endif' without a '.if' before it`, "'.if COND' before it");
    } else if (head === '.notice' || head === '.warning' || head === '.alert' || head === '.diag') {
      if (!live()) continue;
      const text = ws.slice(1).map((w) => w.text).join(' ');
      if (head === '.alert') r.error('config-alert', line.span, `HAProxy would refuse to start here (.alert): ${text}`, 'this branch not taken, or the line removed');
      else if (head === '.warning') r.warn('config-warning', line.span, `HAProxy would print this warning as it starts (.warning): ${text}`);
      // .notice and .diag: messages of a normal start, nothing the simulation changes for.
    } else if (live()) out.push(line);
  }
  for (const b of stack) r.error('misplaced-conditional', b.at, `this '.if' block has no '.endif'`, "'.endif' to close it");
  return out;
}

const CONDITIONAL = new Set(['.if', '.elif', '.else', '.endif', '.notice', '.warning', '.alert', '.diag']);

/**
 * The spans of the lines a release does not read (dropped branches and the directives themselves), for
 * the checks that read the text on their own (acceptance.ts): nothing there is HAProxy's to refuse.
 */
export function droppedSpans(text: string): Span[] {
  const lines = lexLines(text, () => undefined);
  if (!lines.some((l) => l.words[0]!.text.startsWith('.'))) return [];
  const kept = new Set(takeConditionals(lines, new Silent(), releaseOf(lines)));
  return lines.filter((l) => !kept.has(l)).map((l) => l.span);
}

/** Evaluates the words of a `.if`/`.elif` condition (cfg_eval_condition). */
function evaluate(words: readonly Word[], r: Report, release: string, span: Span): boolean {
  const text = words.map((w) => w.text).join(' ');
  if (text.trim() === '') {
    r.error('bad-condition', span, 'missing condition after the directive', 'a condition such as version_atleast(2.8)');
    return false;
  }
  const p = new CondParser(text, release);
  try {
    const v = p.or();
    p.skip();
    if (p.i < text.length) throw new Error(`unexpected '${text.slice(p.i)}'`);
    if (p.assumed.length) r.warn('condition-assumed', span, `the condition reads ${p.assumed.join(', ')}, which the simulation cannot know: taken as Debian's HAProxy build would answer (${v ? 'true' : 'false'}); no effect on the simulation otherwise`);
    return v;
  } catch (e) {
    r.error('bad-condition', span, `cannot read the condition '${text}': ${(e as Error).message}`, 'terms such as version_atleast(2.8), defined(NAME), feature(OPENSSL), joined by !, && and ||');
    return false;
  }
}

/** Build features Debian's package has (haproxy -vv, 2.6.12): what `feature()` and `enabled()` answer. */
const FEATURES = new Set(['ACCEPT4', 'BACKTRACE', 'CPU_AFFINITY', 'CRYPT_H', 'DL', 'EPOLL', 'GETADDRINFO', 'LIBCRYPT', 'LINUX_SPLICE', 'LINUX_TPROXY', 'LUA', 'NETFILTER', 'NS', 'OPENSSL', 'OT', 'PCRE2', 'PCRE2_JIT', 'POLL', 'PRCTL', 'PROMEX', 'RT', 'SLZ', 'SYSTEMD', 'TFO', 'THREAD', 'THREAD_DUMP', 'TPROXY']);

class CondParser {
  i = 0;
  readonly assumed: string[] = [];
  constructor(private readonly s: string, private readonly release: string) {}

  skip(): void {
    while (this.s[this.i] === ' ' || this.s[this.i] === '\t') this.i++;
  }
  private eat(tok: string): boolean {
    this.skip();
    if (!this.s.startsWith(tok, this.i)) return false;
    this.i += tok.length;
    return true;
  }
  or(): boolean {
    let v = this.and();
    while (this.eat('||')) v = this.and() || v;
    return v;
  }
  private and(): boolean {
    let v = this.term();
    while (this.eat('&&')) v = this.term() && v;
    return v;
  }
  private term(): boolean {
    if (this.eat('!')) return !this.term();
    if (this.eat('(')) {
      const v = this.or();
      if (!this.eat(')')) throw new Error("missing ')'");
      return v;
    }
    this.skip();
    const m = /^([a-z_]+|-?\d+)/.exec(this.s.slice(this.i));
    if (!m) throw new Error(`expected a predicate or a number at '${this.s.slice(this.i)}'`);
    this.i += m[1]!.length;
    if (/^-?\d+$/.test(m[1]!)) return Number(m[1]) !== 0;
    if (!this.eat('(')) throw new Error(`'${m[1]}' expects its arguments in parentheses`);
    const end = this.s.indexOf(')', this.i);
    if (end < 0) throw new Error("missing ')'");
    const args = this.s.slice(this.i, end).split(',').map((a) => a.trim().replace(/^["']|["']$/g, ''));
    this.i = end + 1;
    return this.predicate(m[1]!, args);
  }
  private predicate(name: string, args: readonly string[]): boolean {
    const a = args[0] ?? '';
    switch (name) {
      case 'version_atleast': return compareVersions(this.release, a) >= 0;
      case 'version_before': return compareVersions(this.release, a) < 0;
      case 'streq': return a === (args[1] ?? '');
      case 'strneq': return a !== (args[1] ?? '');
      case 'defined':
        this.assumed.push(`defined(${a}) (no environment here: false)`);
        return false;
      case 'feature':
      case 'enabled':
        this.assumed.push(`${name}(${a})`);
        return FEATURES.has(a.toUpperCase());
      case 'openssl_version_atleast':
        this.assumed.push(`${name}(${a}) (OpenSSL 3.0)`);
        return compareVersions('3.0.0', a) >= 0;
      case 'openssl_version_before':
        this.assumed.push(`${name}(${a}) (OpenSSL 3.0)`);
        return compareVersions('3.0.0', a) < 0;
      case 'ssllib_name_startswith':
        this.assumed.push(`${name}(${a}) (OpenSSL)`);
        return 'OpenSSL'.startsWith(a);
      default:
        throw new Error(`unknown predicate '${name}'`);
    }
  }
}

/** Dotted versions compared part by part; a `-dev` suffix is below its release (compare_current_version). */
function compareVersions(a: string, b: string): number {
  const parts = (v: string) => {
    const [num, suffix] = v.split('-');
    return { n: num!.split('.').map((x) => Number.parseInt(x, 10) || 0), dev: suffix !== undefined };
  };
  const x = parts(a);
  const y = parts(b);
  for (let k = 0; k < Math.max(x.n.length, y.n.length); k++) {
    const d = (x.n[k] ?? 0) - (y.n[k] ?? 0);
    if (d !== 0) return d;
  }
  return (y.dev ? 1 : 0) - (x.dev ? 1 : 0);
}
