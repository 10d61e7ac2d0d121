/**
 * Named defaults (HAProxy 2.4+): which defaults section a section starts from — the one it names
 * with `from`, else the last one above — with HAProxy's refusals and warning on the way
 * (cfg_parse_listen, cfgparse-listen.c:279-390 of v2.6.0). The compiler (./compile.ts) adds each
 * defaults section as it reads it and asks for each section's parent.
 */
import type { ConfigSection, EngineName, Span } from './ast';
import type { Settings } from './grammar/settings';
import { lineIndex, positionAt, type LineIndex } from './positions';
import { suggest } from './suggest';

/** How the compiler takes the diagnostics. */
export interface Report {
  error(code: string, span: Span, message: string, expected?: string, suggestion?: string): void;
  warn(code: string, span: Span, message: string): void;
}

/** The keywords of TCP/HTTP rules: a defaults section with one of them may be used by one side only. */
const RULE_KEYWORDS = new Set(['http-request', 'http-response', 'http-after-response', 'tcp-request', 'tcp-response']);

/** A defaults section and its settings. */
interface NamedSection {
  readonly section: ConfigSection;
  readonly settings: Settings;
}

/**
 * The defaults sections read so far, by name, and how each was used: by name (`from`) or as the
 * last one above a section (HAProxy's PR_FL_EXPLICIT_REF and PR_FL_IMPLICIT_REF).
 */
export class NamedDefaults {
  private readonly byName = new Map<string, NamedSection[]>();

  constructor(
    private readonly engine: EngineName,
    /** The scenario text, when given (for the line numbers some messages name). */
    private readonly text: string | undefined,
    private readonly report: Report,
  ) {}

  /** The text's line starts, made when a message first names a line. */
  private index: LineIndex | null = null;
  /** The 1-based line of an offset of the text, as words for a message ('' without the text). */
  private lineOf(offset: number): string {
    if (this.text === undefined) return '';
    this.index ??= lineIndex(this.text);
    return `line ${positionAt(this.index, offset).line}`;
  }

  /**
   * The defaults section `sec` names with `from` (HAProxy 2.4+), or null: none named, or one HAProxy
   * would not find (its error is reported here, and the section starts as without `from`). The
   * 1.9 of seed and parent has no `from` (acceptance.ts says so): the last defaults applies there.
   * As cfg_parse_listen (cfgparse-listen.c:279-330 of v2.6.0): the name is looked up among the
   * defaults sections above; two of that name are ambiguous; a defaults section both named by
   * `from` and used as the last one above gets HAProxy's warning.
   */
  parentOf(sec: ConfigSection, last: ConfigSection | null): NamedSection | null {
    const what = `${sec.kind}${sec.name ? ` '${sec.name.text}'` : ''}`;
    if (!sec.parent || this.engine !== 'modern') {
      // Used implicitly: the last defaults above (a defaults section uses none).
      if (sec.kind !== 'defaults' && last) {
        if (this.use(last, 'implicit')) this.mixedUse(sec, last);
        if (this.engine === 'modern') this.rulesInherited(sec, last);
      }
      return null;
    }
    const parent = sec.parent;
    const found = this.find(parent.text);
    if (found.length === 0) {
      const names = this.names();
      this.report.error(
        'unknown-defaults', parent.span, `defaults section '${parent.text}' not found for ${what}; expected the name of a defaults section above it${names.length ? ` (${names.map((n) => `'${n}'`).join(', ')})` : ' (there is none)'}`,
        'a named defaults section above', suggest(parent.text, names) ?? undefined,
      );
      return null;
    }
    if (found.length > 1) {
      const at = found.map((f) => this.lineOf(f.section.span.from)).filter((l) => l !== '');
      this.report.error(
        'ambiguous-defaults', parent.span,
        `ambiguous defaults section name '${parent.text}' referenced by ${what}: ${found.length} defaults sections have it${at.length ? ` (${at.join(', ')})` : ''}; expected a name given to one defaults section`, 'a name given once',
      );
    }
    const f = found[0]!;
    if (this.use(f.section, 'explicit')) this.mixedUse(sec, f.section);
    this.rulesInherited(sec, f.section);
    return f;
  }

  /**
   * HAProxy's refusals of a section that starts from a defaults section with TCP/HTTP rules
   * (cfgparse-listen.c:333-390 of v2.6.0): a defaults or listen section may not, and the frontends
   * and the backends may not share one (its rules run for one side only).
   */
  private rulesInherited(sec: ConfigSection, def: ConfigSection): void {
    const rule = def.directives.find((d) => RULE_KEYWORDS.has(d.words[0]!.text));
    if (!rule) return;
    const at = this.lineOf(def.span.from);
    const where = `(defaults section '${def.name?.text ?? ''}'${at ? `, ${at}` : ''}, has '${rule.words[0]!.text}')`;
    const span = sec.parent?.span ?? sec.name?.span ?? sec.span;
    if (sec.kind === 'global') return;
    if (sec.kind === 'defaults' || sec.kind === 'listen') {
      this.report.error('defaults-rules', span, `a ${sec.kind} section cannot inherit from a defaults section defining TCP/HTTP rules ${where}; expected a defaults section without rules`, 'a defaults section without rules');
      return;
    }
    const side = this.side(def, sec.kind);
    if (side !== sec.kind) {
      this.report.error(
        'defaults-rules', span,
        `frontends and backends cannot inherit from the same defaults section if it defines TCP/HTTP rules ${where}, and a ${side} does; expected a defaults section of its own for the ${sec.kind}s`, `another defaults section for the ${sec.kind}s`,
      );
    }
  }

  /** HAProxy's warning for a defaults section used both by name and as the last one above. */
  private mixedUse(sec: ConfigSection, def: ConfigSection): void {
    const name = def.name?.text ?? '';
    this.report.warn(
      'mixed-defaults', sec.parent?.span ?? sec.name?.span ?? sec.span,
      `HAProxy would warn: defaults section '${name}'${this.lineOf(def.span.from) ? ` (${this.lineOf(def.span.from)})` : ''} is referenced by name by a section and used as the last defaults by another; to avoid any ambiguity, add a last defaults section no one names, or always name it with 'from'`,
    );
  }

  private readonly uses = new Map<ConfigSection, Set<'explicit' | 'implicit'>>();

  add(section: ConfigSection, settings: Settings): void {
    const name = section.name?.text ?? '';
    const list = this.byName.get(name) ?? [];
    list.push({ section, settings });
    this.byName.set(name, list);
  }

  private find(name: string): readonly NamedSection[] {
    return this.byName.get(name) ?? [];
  }

  private names(): string[] {
    return [...this.byName.keys()].filter((n) => n !== '');
  }

  private readonly sides = new Map<ConfigSection, 'frontend' | 'backend'>();
  /** The side (frontends or backends) that uses a defaults section with rules: the first one to. */
  private side(section: ConfigSection, kind: 'frontend' | 'backend'): 'frontend' | 'backend' {
    const had = this.sides.get(section);
    if (had) return had;
    this.sides.set(section, kind);
    return kind;
  }

  /** Records a use; true when the section is now used both ways (the first time only). */
  private use(section: ConfigSection, how: 'explicit' | 'implicit'): boolean {
    const set = this.uses.get(section) ?? new Set();
    this.uses.set(section, set);
    const before = set.size;
    set.add(how);
    return before === 1 && set.size === 2;
  }
}
