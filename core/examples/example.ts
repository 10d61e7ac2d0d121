/** One entry of the examples menu, and how a scenario file's first line gives its title. */

export interface Example {
  /** File name without extension, e.g. 'sc02'. */
  id: string;
  /** Title: the first line of the file after `# SCnn — ` (or `# Load — `, `# Sweep — `, `# Config — `). */
  title: string;
  /** Two lines: what happens and why it is interesting. */
  summary: string;
  /** Keywords for filtering, e.g. 'h2', 'never', 'swap', 'orphan'. */
  tags: string[];
  /** The scenario text. */
  text: string;
}

/** The title written on the first line of a scenario file: `# SC02 — Title`, `# Load — Title`, `# Sweep — Title` or `# Config — Title`. */
export function titleOf(text: string): string {
  const first = text.split('\n', 1)[0] ?? '';
  const m = /^#\s*(?:SC\d+|Load|Sweep|Config)\s*[—-]\s*(.*)$/.exec(first.trim());
  return m ? m[1]!.trim() : first.replace(/^#\s*/, '').trim();
}

/** The scenario with its first `http-reuse` directive set to `mode` (as a lesson step asks). */
export function setReuseInText(text: string, mode: string): string {
  return text.replace(/^(\s*http-reuse\s+)\S+/m, `$1${mode}`);
}

export function example(id: string, text: string, summary: string, tags: string[]): Example {
  return { id, title: titleOf(text), summary, tags, text };
}
