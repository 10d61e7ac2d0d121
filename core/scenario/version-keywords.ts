/**
 * Editor entries (hover, completion, acceptance by the parser) for the names HAProxy's own parser
 * knows at 1.9 or 2.6 that keywords.ts does not describe by hand. Their doc says which versions
 * accept them and, where one refuses them, HAProxy's reason. Pure.
 */
import type { KeywordContext, KeywordInfo } from './keyword-info';
import { MODERN_VERSIONS } from '../model/names';
import { acceptedBy, addedBy, HAPROXY_VERSIONS, namesOfAllVersions, outsideNames, outsideVersions, refusalReason, serverOptionArgsOf, knownAt, type VersionContext } from './haproxy-versions';

const CONTEXTS: readonly (KeywordContext & VersionContext)[] = ['section', 'global', 'proxy', 'option', 'timeout', 'server-option'];
const MODERN_RELEASES = MODERN_VERSIONS.filter((v) => v !== '2.6');

function docOf(ctx: VersionContext, name: string, ignored: string): string {
  const accepted = acceptedBy(ctx, name);
  const parts = [accepted.length > 0 ? `Real HAProxy keyword (accepted by HAProxy ${accepted.join(' and ')}).` : 'Former HAProxy keyword.'];
  for (const v of HAPROXY_VERSIONS) {
    const why = refusalReason(v, ctx, name);
    if (why) parts.push(`HAProxy ${v} refuses it: ${why}`);
    else if (!knownAt(v, ctx, name)) parts.push(`Unknown to HAProxy ${v}.`);
  }
  parts.push(ignored);
  return parts.join(' ');
}

export function versionKeywords(listed: readonly KeywordInfo[], ignored: string): KeywordInfo[] {
  const have = new Set(listed.map((k) => `${k.context}:${k.name}`));
  const out: KeywordInfo[] = [];
  for (const ctx of CONTEXTS) {
    for (const name of namesOfAllVersions(ctx)) {
      if (have.has(`${ctx}:${name}`)) continue;
      if (ctx === 'server-option') {
        // Options whose value count is unknown or variable stay out: the parser could not skip their values.
        const args = serverOptionArgsOf(name);
        if (args === undefined) continue;
        out.push({ name, context: ctx, modelled: false, doc: docOf(ctx, name, ignored), args });
      } else out.push({ name, context: ctx, modelled: false, doc: docOf(ctx, name, ignored) });
    }
  }
  for (const ctx of CONTEXTS) {
    for (const name of outsideNames(ctx)) {
      const o = outsideVersions(ctx, name)!;
      if (have.has(`${ctx}:${name}`)) continue;
      // A later server option's values must be skipped: without a known count it stays out (as above).
      const args = ctx === 'server-option' ? serverOptionArgsOf(name) : undefined;
      if (ctx === 'server-option' && args === undefined) continue;
      have.add(`${ctx}:${name}`);
      const since = MODERN_RELEASES.filter((r) => addedBy(r, ctx, name));
      const when = o.when === 'former' ? 'removed before 1.9' : `added after 2.6${since.length ? `: HAProxy ${since.join(', ')} know${since.length === 1 ? 's' : ''} it` : ''}`;
      out.push({ name, context: ctx, modelled: false, doc: `HAProxy ${o.release} keyword (${when}); HAProxy 1.9 and 2.6 refuse it as unknown. ${ignored}`, ...(args !== undefined ? { args } : {}) });
    }
  }
  return out;
}
