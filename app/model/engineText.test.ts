import { describe, expect, it } from 'vitest';
import { engineChoiceInText, engineInText, setEngineInText } from './engineText';

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
    // The selector's choice says the version: seed and modern (2.6) write none.
    expect(setEngineInText('engine modern 3.0  # 3.0\nbackend b', 'seed')).toBe('engine seed  # 3.0\nbackend b');
    expect(setEngineInText('engine modern 3.0\nbackend b', 'modern')).toBe('engine modern\nbackend b');
    expect(engineInText('engine modern 3.0\nbackend b')).toBe('modern');
    expect(setEngineInText('', 'seed')).toBe('engine seed\n');
  });
  it('the selector\'s choices: modern 3.0 is one, modern 2.6 and 2.8 read as modern', () => {
    expect(engineChoiceInText('engine modern 3.0\nbackend b')).toBe('modern 3.0');
    expect(engineChoiceInText('engine modern 2.8\nbackend b')).toBe('modern');
    expect(engineChoiceInText('engine modern\nbackend b')).toBe('modern');
    expect(engineChoiceInText('engine parent # x\nbackend b')).toBe('parent');
    expect(engineChoiceInText('backend b')).toBeNull();
    expect(setEngineInText('engine modern # m\nbackend b', 'modern 3.0')).toBe('engine modern 3.0 # m\nbackend b');
    expect(setEngineInText('engine seed\nbackend b', 'modern 3.0')).toBe('engine modern 3.0\nbackend b');
    expect(setEngineInText('backend b', 'modern 3.0')).toBe('engine modern 3.0\nbackend b');
  });
  it('round-trips', () => {
    const t = setEngineInText('# a\nbackend b\n', 'parent');
    expect(engineInText(t)).toBe('parent');
    expect(engineInText(setEngineInText(t, 'seed'))).toBe('seed');
  });
});
