/**
 * The engine is part of the scenario (`engine NAME`, the first statement), so the
 * header's selector edits that line rather than overriding it: a shared or saved
 * scenario always says which algorithm it ran. Pure text functions.
 */

/** `engine NAME [VERSION] …`: the version (`engine modern 3.0`) belongs to the name it follows. */
const ENGINE_LINE = /^(\s*engine\s+)(\S+)((?:\s+\d+(?:\.\d+)+)?)(.*)$/;

function isBlankOrComment(line: string): boolean {
  const t = line.trim();
  return t === '' || t.startsWith('#');
}

/** Index of the `engine` line if it is the first statement, else -1. */
function engineLineIndex(lines: readonly string[]): number {
  for (let i = 0; i < lines.length; i++) {
    if (isBlankOrComment(lines[i])) continue;
    return ENGINE_LINE.test(lines[i]) ? i : -1;
  }
  return -1;
}

/** The engine named by the scenario's `engine` statement, or null (default engine). */
export function engineInText(text: string): string | null {
  const lines = text.split('\n');
  const i = engineLineIndex(lines);
  return i < 0 ? null : ENGINE_LINE.exec(lines[i])![2];
}

/**
 * The engine and version the text asks for, as the header's selector names its choices:
 * `seed`, `parent`, `modern` (2.6), `modern 2.8`, `modern 3.0`, `modern 3.2` or `modern 3.4`.
 */
export function engineChoiceInText(text: string): string | null {
  const lines = text.split('\n');
  const i = engineLineIndex(lines);
  if (i < 0) return null;
  const m = ENGINE_LINE.exec(lines[i])!;
  const version = m[3].trim();
  return m[2] === 'modern' && (version === '2.8' || version === '3.0' || version === '3.2' || version === '3.4') ? `modern ${version}` : m[2];
}

/**
 * Return `text` with its `engine` statement naming `engine` (inserted after the leading comments).
 * The choice says the version too: `modern 2.8`/`3.0`/`3.2`/`3.4` write it, `seed` or `modern` (2.6) writes none
 * (`engine modern 3.0` → `engine seed`, `engine modern`).
 */
export function setEngineInText(text: string, engine: string): string {
  const lines = text.split('\n');
  const i = engineLineIndex(lines);
  if (i >= 0) {
    const [want, wantVersion] = engine.split(/\s+/, 2);
    lines[i] = lines[i].replace(ENGINE_LINE, (_m, pre: string, _name: string, _version: string, rest: string) => `${pre}${want}${wantVersion ? ` ${wantVersion}` : ''}${rest}`);
    return lines.join('\n');
  }
  let at = 0;
  while (at < lines.length && lines[at].trim().startsWith('#')) at++;
  lines.splice(at, 0, `engine ${engine}`);
  return lines.join('\n');
}
