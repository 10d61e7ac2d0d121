/**
 * Evaluates conditions and log-format strings against a request, the way acl_exec_cond
 * (HAProxy 2.6.0 src/acl.c:1072-1160) and build_logline do: an ACL passes when one of its
 * expressions matches one of the values its fetch gives; terms of a suite are AND-ed, suites
 * OR-ed, `unless` inverts. A term the simulation cannot evaluate counts as false and is reported.
 */
import type { Acl, AclExpr, Cond, LogFormat, SampleExpr } from '../model/routing';
import { convert } from './converters';
import { matchSample } from './pattern';
import type { RequestView } from './request';
import { readFetch, type Sample } from './sample';

export interface CondResult {
  readonly value: boolean;
  /** Each ACL that was looked at, with its result (the trace's conditions). */
  readonly terms: readonly { readonly label: string; readonly value: boolean | string }[];
}

/** Every value of a sample expression (fetch, then converters; a failed conversion drops the value). */
export function sampleValues(e: SampleExpr, req: RequestView): Sample[] {
  const out: Sample[] = [];
  for (let s of readFetch(e.fetch, e.args, req, e.userlist)) {
    let ok = true;
    for (const c of e.converters) {
      const next = convert(c, s);
      if (!next) {
        ok = false;
        break;
      }
      s = next;
    }
    if (ok) out.push(s);
  }
  return out;
}

export function evalAclExpr(x: AclExpr, req: RequestView): boolean {
  if (x.unmodelled) return false;
  return sampleValues(x.sample, req).some((s) => matchSample(x, s));
}

/** The expressions of one ACL are OR-ed (acl.c:1113-1148). */
export function evalAcl(acl: Acl, req: RequestView): boolean | 'unmodelled' {
  let unmodelled = false;
  for (const x of acl.exprs) {
    if (x.unmodelled) {
      unmodelled = true;
      continue;
    }
    if (evalAclExpr(x, req)) return true;
  }
  return unmodelled ? 'unmodelled' : false;
}

export function evalCond(cond: Cond, req: RequestView): CondResult {
  const terms: { label: string; value: boolean | string }[] = [];
  let result = false;
  let unevaluated = false;
  for (const suite of cond.suites) {
    let pass = true;
    for (const t of suite) {
      const r = evalAcl(t.acl, req);
      const label = `${t.neg ? '!' : ''}${t.acl.name}`;
      if (r === 'unmodelled') {
        // Not evaluated: taken as false (so `!acl` is false too, as a MISS would be).
        terms.push({ label, value: 'not evaluated (not modelled)' });
        unevaluated = true;
        pass = false;
        break;
      }
      const v = t.neg ? !r : r;
      terms.push({ label, value: v });
      if (!v) {
        pass = false;
        break;
      }
    }
    if (pass) {
      result = true;
      break;
    }
  }
  // A condition that could not be evaluated is taken as false, `unless` included.
  const value = !result && unevaluated ? false : cond.pol === 'unless' ? !result : result;
  return { value, terms: cond.pol === 'unless' ? [...terms, { label: 'unless', value }] : terms };
}

/**
 * A log-format string for one request: each %[expr] is its last value (a header's last
 * occurrence, http_fetch.c:918-920), or `-` when it gives none (build_logline).
 */
/**
 * `missing`: what a sample that gives no value writes: '-' in most log-formats, nothing in those
 * of http-request actions (LOG_OPT_HTTP: log.c:2101-2103 of v2.6.0).
 */
export function evalLogFormat(f: LogFormat, req: RequestView, missing = '-'): string {
  let out = '';
  for (const p of f.parts) {
    if ('lit' in p) out += p.lit;
    else {
      const vals = sampleValues(p.expr, req);
      const last = vals[vals.length - 1];
      out += last === undefined ? missing : last.type === 'bool' ? (last.v ? '1' : '0') : String(last.v);
    }
  }
  return out;
}
