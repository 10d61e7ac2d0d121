import { describe, expect, it } from 'vitest';
import { isDefaultPoint, pointText, type SweepDecl } from './pin';

const TEXT = 'sweep clients 10 20 40\nparam rt 5ms\nsweep mode never always\nscript\n';
const decls: SweepDecl[] = [
  { name: 'clients', values: ['10', '20', '40'], swept: true, span: { from: 0, to: 22 } },
  { name: 'rt', values: ['5ms'], swept: false, span: { from: 23, to: 35 } },
  { name: 'mode', values: ['never', 'always'], swept: true, span: { from: 36, to: 59 } },
];

describe('pointText', () => {
  it('pins each sweep to the point, keeping every offset', () => {
    const t = pointText(TEXT, decls, { clients: '40', mode: 'always' })!;
    expect(t.length).toBe(TEXT.length);
    expect(t.split('\n')).toEqual(['param clients 40      ', 'param rt 5ms', 'param mode always      ', 'script', '']);
  });
  it('refuses a point that is not in the sweeps', () => {
    expect(pointText(TEXT, decls, { clients: '30', mode: 'never' })).toBeNull();
    expect(pointText(TEXT, decls, { clients: '10' })).toBeNull();
    expect(pointText('script\n', [], {})).toBeNull();
  });
  it('knows the default point', () => {
    expect(isDefaultPoint(decls, { clients: '10', mode: 'never' })).toBe(true);
    expect(isDefaultPoint(decls, { clients: '10', mode: 'always' })).toBe(false);
  });
});
