import { describe, expect, it } from 'vitest';
import { boolConds, sharedConds } from './conds';

describe('boolConds', () => {
  it('gives the labelled values, one shared frozen list per combination', () => {
    const three = boolConds('keep-alive', 'transport ready', 'owner set');
    expect(three(true, false, true)).toEqual([
      { label: 'keep-alive', value: true },
      { label: 'transport ready', value: false },
      { label: 'owner set', value: true },
    ]);
    expect(three(true, false, true)).toBe(three(true, false, true));
    expect(three(true, true, true)).not.toBe(three(true, false, true));
    expect(Object.isFrozen(three(false, false, false)[0])).toBe(true);
    expect(boolConds('one')(false)).toEqual([{ label: 'one', value: false }]);
  });
});

describe('sharedConds', () => {
  it('gives the labelled values, one shared frozen list per combination of values', () => {
    const mode = sharedConds('frontend option', 'backend option', 'request Connection: close');
    expect(mode('keep-alive', 'server-close', true)).toEqual([
      { label: 'frontend option', value: 'keep-alive' },
      { label: 'backend option', value: 'server-close' },
      { label: 'request Connection: close', value: true },
    ]);
    expect(mode('keep-alive', 'server-close', true)).toBe(mode('keep-alive', 'server-close', true));
    expect(mode('keep-alive', 'server-close', false)).not.toBe(mode('keep-alive', 'server-close', true));
    expect(mode('close', 'server-close', true)).not.toBe(mode('keep-alive', 'server-close', true));
    expect(Object.isFrozen(mode('close', 'close', false))).toBe(true);
    const one = sharedConds('balance');
    expect(one('roundrobin')).toEqual([{ label: 'balance', value: 'roundrobin' }]);
    expect(one(1)).not.toBe(one('1'));
  });
});
