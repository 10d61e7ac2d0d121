/**
 * Conditions (`if|unless TERMS`) as HAProxy 2.6.0 parses them (src/acl.c:870-1020): `!` negates
 * the next term, `||` or `or` starts a new suite, terms side by side are AND-ed, `{ … }` is an
 * anonymous ACL. A name is looked up among the section's ACLs declared so far, then the
 * predefined ones.
 */
import type { Acl, Cond, CondTerm } from '../../model/routing';
import type { Span, Word } from '../ast';
import { parseAclExpr, predefinedAcl, type Problems } from './acl';

export interface CondContext extends Problems {
  /** The section's named ACLs declared above the rule (all their lines are OR-ed in, later ones too). */
  readonly acls: ReadonlyMap<string, Acl>;
  /** An ACL whose fetch is not modelled was used: say so once where it is used. */
  unmodelledUse(span: Span, acl: Acl): void;
}

/** ws[0] is `if` or `unless`. Null after an error (already reported). */
export function parseCond(ws: readonly Word[], ctx: CondContext): Cond | null {
  const pol = ws[0]!.text === 'unless' ? 'unless' : 'if';
  const text = ws.map((w) => w.text).join(' ');
  if (ws.length < 2) {
    ctx.error(ws[0]!.span, `missing condition after '${pol}'`, 'a condition such as { path_beg /api } or an ACL name');
    return null;
  }
  const suites: CondTerm[][] = [];
  let suite: CondTerm[] = [];
  let neg = false;
  for (let i = 1; i < ws.length; i++) {
    const w = ws[i]!;
    let word = w.text;
    while (word.startsWith('!')) {
      neg = !neg;
      word = word.slice(1);
    }
    if (word === '') continue;
    if (word.toLowerCase() === 'or' || word === '||') {
      suites.push(suite);
      suite = [];
      neg = false;
      continue;
    }
    let acl: Acl | null;
    if (word === '{') {
      let end = i + 1;
      while (end < ws.length && ws[end]!.text !== '}') end++;
      if (end >= ws.length) {
        ctx.error(w.span, "missing closing '}' in condition", "'}'");
        return null;
      }
      if (end === i + 1) {
        ctx.error(w.span, 'empty anonymous ACL { }', 'a criterion such as path_beg /api inside the braces');
        return null;
      }
      const x = parseAclExpr(ws.slice(i + 1, end), ctx);
      if (!x) return null;
      // Named by its text, without the `!` written before the brace (the term carries the negation).
      acl = { name: [word, ...ws.slice(i + 1, end + 1).map((v) => v.text)].join(' '), exprs: [x] };
      if (x.unmodelled) ctx.unmodelledUse({ from: w.span.from, to: ws[end]!.span.to }, acl);
      i = end;
    } else {
      acl = ctx.acls.get(word) ?? predefinedAcl(word);
      if (!acl) {
        const known = [...ctx.acls.keys()];
        ctx.error(w.span, `no such ACL : '${word}'`, `an ACL declared above with \`acl ${word} …\`${known.length ? ` (${known.slice(0, 6).join(', ')})` : ''} or a predefined one such as METH_GET`);
        return null;
      }
      if (acl.exprs.some((x) => x.unmodelled)) ctx.unmodelledUse(w.span, acl);
    }
    suite.push({ neg, acl });
    neg = false;
  }
  suites.push(suite);
  return { pol, suites: suites.filter((s) => s.length > 0), text };
}
