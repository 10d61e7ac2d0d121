import { describe, expect, it } from 'vitest';
import { boolConds } from './conds';

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
