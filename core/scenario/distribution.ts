/**
 * Response times that vary (issue 18), in the `servers` section:
 *   X response-time 20ms..80ms     uniform between the two (both included, whole microseconds)
 *   X response-time exp 30ms       exponential with this mean
 * Each request draws its own from the run's seeded generator (`seed N`); a request's `takes T`
 * still wins. A fixed `response-time 20ms` keeps its meaning. Pure.
 */
import type { ServerBehaviour, Span, Word } from './ast';
import { parseDuration } from './lexer';

export interface DistReport {
  error(code: string, span: Span, message: string, expected?: string, suggestion?: string): void;
}

export const DIST_EXPECTED = 'a duration such as 20ms, a range such as 20ms..80ms, or exp 30ms';

/** True when the words after `response-time` are one of the forms above (not a fixed time). */
export function isResponseDist(args: readonly Word[]): boolean {
  return (args.length === 1 && args[0]!.text.includes('..')) || (args.length === 2 && args[0]!.text === 'exp');
}

export function parseResponseDist(args: readonly Word[], r: DistReport): ServerBehaviour | null {
  if (args.length === 2) {
    const mean = parseDuration(args[1]!.text);
    if (mean === null || mean === 0) {
      r.error('expected-duration', args[1]!.span, `invalid mean '${args[1]!.text}' for response-time exp; expected a duration above 0 such as 30ms`, 'a duration such as 30ms');
      return null;
    }
    return { prop: 'response-time', us: mean, dist: { kind: 'exp', meanUs: mean } };
  }
  const w = args[0]!;
  const parts = w.text.split('..');
  const lo = parts.length === 2 ? parseDuration(parts[0]!) : null;
  const hi = parts.length === 2 ? parseDuration(parts[1]!) : null;
  if (lo === null || hi === null || lo > hi) {
    const why = lo !== null && hi !== null ? `: ${parts[0]} is above ${parts[1]}` : '';
    r.error('expected-duration', w.span, `invalid response-time range '${w.text}'${why}; expected ${DIST_EXPECTED}`, DIST_EXPECTED);
    return null;
  }
  return { prop: 'response-time', us: Math.round((lo + hi) / 2), dist: { kind: 'uniform', loUs: lo, hiUs: hi } };
}
