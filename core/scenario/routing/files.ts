/**
 * Pattern and map files given inside the scenario (`file PATH` sections): what `acl … -f PATH`
 * and the `map*(PATH…)` converters read where HAProxy would open the file. The line formats are
 * HAProxy 2.6.0's (pattern.c:2316-2370 pat_ref_read_from_file: one pattern per line, the whole
 * line; pattern.c:2231-2310 pat_ref_read_from_file_smp: the key up to the first blank, the value
 * the rest of the line, trimmed). A file the scenario does not give is warned about: every key
 * misses, as if it were empty.
 */
import type { Converter, SampleExpr } from '../../model/routing';
import type { FileSection, Span } from '../ast';

/** The lines of `file PATH`, or undefined when the scenario has no such section. */
export type FileLines = (path: string) => readonly string[] | undefined;

/** A pattern file's patterns: each non-empty line as a whole (blanks inside belong to the pattern). */
export function filePatterns(lines: readonly string[]): string[] {
  return lines.map((l) => l.replace(/^[ \t]+/, '')).filter((l) => l !== '');
}

/** A map file's entries: the key to the first blank, the value after the blanks that follow, trailing blanks cut. */
export function mapEntries(lines: readonly string[]): [string, string][] {
  const out: [string, string][] = [];
  for (const raw of lines) {
    const l = raw.replace(/^[ \t]+/, '');
    if (l === '') continue;
    const m = /^(\S+)[ \t]*(.*?)[ \t]*$/.exec(l)!;
    out.push([m[1]!, m[2]!]);
  }
  return out;
}

const missing = (path: string) => `add a section \`file ${path}\` with the file's lines under it`;

/** The warning for a pattern file the scenario does not give. */
export function missingPatternFile(path: string): string {
  return `pattern file ${path} is not in the scenario: its patterns never match; ${missing(path)}`;
}

/**
 * The sample expression with each map converter given its file's entries. A file the scenario
 * lacks gets `warn` (every key then misses; the default value applies when there is one).
 */
export function withMaps(expr: SampleExpr, span: Span, file: FileLines | undefined, warn: (span: Span, message: string) => void): SampleExpr {
  if (!expr.converters.some((c) => c.name.startsWith('map'))) return expr;
  const converters = expr.converters.map((c): Converter => {
    if (!c.name.startsWith('map')) return c;
    const path = c.args[0] ?? '';
    const lines = file?.(path);
    if (lines) return { ...c, map: mapEntries(lines) };
    const dflt = c.args[1] !== undefined ? ` and the default '${c.args[1]}' applies` : ' and the expression gives no value';
    warn(span, `map file ${path} is not in the scenario: every key misses${dflt}; ${missing(path)}`);
    return c;
  });
  return { ...expr, converters };
}

/** Reads the `file` sections by path, and says afterwards which no rule read (a misspelt path, probably). */
export function fileReader(files: readonly FileSection[]): { read: FileLines; unread(): FileSection[]; named(): string[] } {
  const byPath = new Map(files.map((f) => [f.path.text, f.lines.map((l) => l.text)]));
  const named = new Set<string>();
  return {
    read: (path) => {
      named.add(path);
      return byPath.get(path);
    },
    unread: () => files.filter((f) => !named.has(f.path.text)),
    named: () => [...named],
  };
}
