/**
 * Whether the modern engine agrees with the real HAProxy on each example and lesson scenario:
 * the verdict of `compareRuns` on recordings of the real binary (core/test/real-examples/,
 * made with `npm run verify -- FILE --engine modern --record …`), kept in a small generated
 * file (real-agreement.json, written by scripts/real-agreement.ts) so the page needs neither
 * the recordings nor a run to say it. A test recomputes every verdict, so the file cannot drift.
 */
import { findExample } from '../examples/index';
import { setReuseInText, type Example } from '../examples/example';
import data from './real-agreement.json';

export interface Agreement {
  /** The binary's `haproxy -v` first line, shortened (`HAProxy 2.6.12-1+deb12u4`). */
  readonly binary: string;
  /** Day of the recording, YYYY-MM-DD. */
  readonly recorded: string;
  readonly outcome: 'match' | 'difference' | 'undecided';
  /** The first difference, in the words of the trace (null on a match). */
  readonly first: string | null;
}

/** Key of a scenario: the example id, with `@MODE` when a lesson changes its http-reuse. */
export function agreementKey(example: string, reuse?: string): string {
  return reuse ? `${example}@${reuse}` : example;
}

const AGREEMENT = data as Record<string, Agreement>;

export function realAgreement(key: string): Agreement | null {
  return AGREEMENT[key] ?? null;
}

/** Examples the recorder cannot run against a real HAProxy, and why (said on the page instead). */
export const NOT_RECORDED: Readonly<Record<string, string>> = {
  sc15: '`source … usesrc` needs transparent proxying (root and TPROXY), which the recorder does not set up',
  // Sweeps (issue 18): a family of runs, where the recorder plays one scenario against one configuration.
  'sweep-pool-max-conn': 'a sweep is a family of runs (22 here), and the recorder plays one scenario at a time',
  'sweep-engines-clients': 'a sweep is a family of runs (30 here), and the recorder plays one scenario at a time',
  'sweep-mode-tcp': 'a sweep is a family of runs (20 here), and the recorder plays one scenario at a time',
  'sweep-health-checks': 'a sweep is a family of runs (15 here), and the recorder plays one scenario at a time; its checks are verified by scripts/verify/health.test.ts',
};

/** Why a scenario has no recording: a listed reason, or the load scenarios' size. */
export function notRecordedReason(key: string): string {
  return NOT_RECORDED[key.split('@')[0]!] ?? 'thousands of clients are more than the recorder plays against a real HAProxy';
}

/** The text a key stands for (an example, its http-reuse changed as a lesson step does). */
export function agreementText(key: string): string | null {
  const [id, reuse] = key.split('@') as [string, string | undefined];
  const ex: Example | undefined = findExample(id);
  if (!ex) return null;
  return reuse ? setReuseInText(ex.text, reuse) : ex.text;
}
