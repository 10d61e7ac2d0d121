/**
 * `engine modern VERSION` (docs/scenario-language.md): the HAProxy release the modern engine
 * follows. No version means 2.6, as before the setting existed, so old scenarios keep their meaning.
 */
import { MODERN_VERSIONS, type EngineName, type ModernVersion } from '../model/names';
import type { ScenarioAst } from './ast';
import type { RawDiagnostic } from './positions';
import { suggest } from './suggest';

export function modernVersionOf(ast: ScenarioAst, engine: EngineName, override: ModernVersion | undefined, raw: RawDiagnostic[]): ModernVersion | undefined {
  if (engine !== 'modern') return undefined;
  const w = ast.engineVersion;
  if (w && !(MODERN_VERSIONS as readonly string[]).includes(w.text)) {
    const known = MODERN_VERSIONS.join(', ');
    raw.push({
      severity: 'error', code: 'unknown-engine-version', span: w.span, expected: known, suggestion: suggest(w.text, MODERN_VERSIONS),
      message: `unknown HAProxy version '${w.text}' for the modern engine; expected one of ${known} (or none: 2.6)`,
    });
  }
  const given = w && (MODERN_VERSIONS as readonly string[]).includes(w.text) ? (w.text as ModernVersion) : undefined;
  return override ?? given;
}
