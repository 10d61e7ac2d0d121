import { agreementKey, notRecordedReason, realAgreement, type ReuseMode } from '../../core';
import { rich } from '../ui/rich';
import './agreement.css';

/** `HAProxy 2.6.12-1+deb12u4` → `HAProxy 2.6.12` (the full line stays in the tooltip). */
const shortBinary = (b: string) => /^HAProxy \d+\.\d+(\.\d+)?/.exec(b)?.[0] ?? b;

/**
 * One line under an example or a lesson step: whether the modern engine gave what the real
 * HAProxy did with this scenario, from a recording (core/verify/real-agreement.json). The
 * verdict is computed from the recordings by a test, never on the page.
 */
export function RealAgreement({ example, reuse }: { example: string; reuse?: ReuseMode }) {
  const key = agreementKey(example, reuse);
  const a = realAgreement(key);
  if (!a) {
    return (
      <p className="real-agreement none" data-testid="real-agreement" data-outcome="none">
        Not checked against a real HAProxy: {rich(notRecordedReason(key))}.
      </p>
    );
  }
  const real = shortBinary(a.binary);
  const where = `${real} — real binary, recorded ${a.recorded}`;
  if (a.outcome === 'match') {
    return (
      <p className="real-agreement match" data-testid="real-agreement" data-outcome="match" title={`${a.binary}: every request took the same server connection as in the modern engine`}>
        <span aria-hidden="true">✓ </span>modern engine matches {where}
      </p>
    );
  }
  return (
    <p className="real-agreement differs" data-testid="real-agreement" data-outcome={a.outcome} title={a.binary}>
      <span aria-hidden="true">≠ </span>modern engine {a.outcome === 'undecided' ? 'cannot be told apart from' : 'differs from'} {where}: {rich(a.first ?? '')}
    </p>
  );
}
