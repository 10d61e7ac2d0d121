import { describe, expect, it } from 'vitest';
import { engineInText, setEngineInText } from './engineText';

describe('engine statement', () => {
  it('reads the engine of the first statement', () => {
    expect(engineInText('# c\n\nengine parent\nbackend b\n')).toBe('parent');
    expect(engineInText('backend b\nengine parent\n')).toBeNull();
    expect(engineInText('')).toBeNull();
  });
  it('replaces an existing engine, keeping indentation and trailing comment', () => {
    expect(setEngineInText('# x\n  engine seed   # the fix\nbackend b', 'parent')).toBe(
      '# x\n  engine parent   # the fix\nbackend b',
    );
  });
  it('inserts after the leading comment block', () => {
    expect(setEngineInText('# title\n# more\nbackend b\n', 'parent')).toBe('# title\n# more\nengine parent\nbackend b\n');
    expect(setEngineInText('backend b', 'seed')).toBe('engine seed\nbackend b');
    expect(setEngineInText('', 'seed')).toBe('engine seed\n');
  });
  it('round-trips', () => {
    const t = setEngineInText('# a\nbackend b\n', 'parent');
    expect(engineInText(t)).toBe('parent');
    expect(engineInText(setEngineInText(t, 'seed'))).toBe('seed');
  });
});
