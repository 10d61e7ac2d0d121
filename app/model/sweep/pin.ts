/**
 * Opening one point of a sweep in the diagram and timeline: the text that is run has
 * each `sweep NAME …` line replaced by `param NAME VALUE` (the point's value), padded
 * with blanks to the same length so every other position — diagnostics, the line of
 * each event — stays where the editor has it. The editor keeps the sweep. Pure.
 */
export interface SweepDecl {
  readonly name: string;
  readonly values: readonly string[];
  readonly swept: boolean;
  /** The whole line's words, as offsets in the text. */
  readonly span: { readonly from: number; readonly to: number };
}

/** The text to run for the point `values`, or null when the point is not one of this text's sweeps. */
export function pointText(text: string, decls: readonly SweepDecl[], values: Readonly<Record<string, string>>): string | null {
  const swept = decls.filter((d) => d.swept);
  if (swept.length === 0 || swept.some((d) => !d.values.includes(values[d.name] ?? '\u0000'))) return null;
  let out = '';
  let at = 0;
  for (const d of [...swept].sort((a, b) => a.span.from - b.span.from)) {
    const line = `param ${d.name} ${values[d.name]}`;
    const len = d.span.to - d.span.from;
    out += text.slice(at, d.span.from) + (line.length <= len ? line.padEnd(len, ' ') : line);
    at = d.span.to;
  }
  return out + text.slice(at);
}

/** Whether `values` is the point a plain run of the text shows (every sweep at its first value). */
export function isDefaultPoint(decls: readonly SweepDecl[], values: Readonly<Record<string, string>>): boolean {
  return decls.filter((d) => d.swept).every((d) => values[d.name] === d.values[0]);
}
