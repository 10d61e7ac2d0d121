import { describe, expect, it } from 'vitest';
import { decodeShare } from './codec';

/**
 * Frozen links: every format version ever released must keep opening to the same
 * scenario and view. Never edit an entry; when a format is added, append links made by
 * it (with the date and the format) and keep the old ones.
 */
interface Frozen {
  readonly made: string;
  readonly link: string;
  readonly engine: { name: string; commit: string };
  readonly scenario: string;
  readonly view: Record<string, unknown>;
}

const SC02 =
  "# SC02 — HTTP/2 client, three requests in a row (the case 7c6f8b146 fixes)\n# At the parent each h2 stream's connection dies with the stream (3 connects);\n# at the seed the session keeps it, so the 3 requests share one connection.\n\nengine seed\n\nbackend be\n    mode http\n    # never is the default at seed and parent; written out for clarity\n    http-reuse never\n    server X 192.0.2.10:80\n    server Y 192.0.2.11:80\n\nscript\n    open A h2\n    A GET /1 to X\n    A GET /3 to X\n    A GET /5 to X\n    close A\n";
const SC07 =
  "# SC07 — The swap (HTTP/1, `safe`)\n# A takes B's idle connection to Y; since A's own connection to X is shareable and\n# free, B receives it in exchange, and B's next request to X goes over it.\n\nengine seed\n\nbackend be\n    mode http\n    http-reuse safe\n    server X 192.0.2.10:80\n    server Y 192.0.2.11:80\n\nscript\n    open A h1\n    open B h1\n    A GET /1 to X\n    B GET /1 to Y\n    A GET /2 to Y\n    B GET /2 to X\n    close B\n    A GET /3 to Y\n    close A\n";
const SMALL =
  'engine parent\n\nbackend be\n    mode http\n    http-reuse safe\n    server X 192.0.2.10:80\n\nscript\n    open A h2   # “unicode” é 😀\n    A GET /1 to X\n    close A\n';

const SEED = { name: 'seed', commit: '7c6f8b146de309e14f0b7ff9e680794683498c54' };

export const CORPUS: readonly Frozen[] = [
  // ---- format 1 (codec d: deflate-raw + base64url), first released with issue 4 ----
  {
    made: 'format 1, SC02 at event 13',
    link: 'http://localhost:4173/#s=1.d.ZZJNbtswEIWv8kAvkgCqo7_YkrIyiqJdFqgXCaANTY0iItZQ5dB2isBAD9ET9iSFpLRJ0B3nvZlvfsBndVRVEiniB8ukqmfFuidVKSFqVKSM63sbVKXWZtUWuyRfNZTFJSV5G-_WbVvSqojXZb4qsrwszE2uzpESQ6y9dapSC3z7GKf4_fMXvmy3X69TmL0lDhFC54ng6fuBJAgsQ8O7Ey5DRzBaCP9aorVPJFc1L7AJGP1Be-IA0qZDl0KCJ91fCIxjJhOsYzSWBCcbuqlgzsBl9jdFrm5Hnp5547YvD5Gx-pFoENgQQdxkZK-jSqc9wTG9abesueb5iBNsDHfaPBI32FHNANC7htCFMMzhAkxH8rAyNWio1Yd9GCeaptHcvKx5i5O3IRDDHQJa52H22tvwY-aMxA-eDkIzcFaF_Ai_Q1Kmy3iZLpO4KuJ33v2rl0xezWK8HcKc5QZibNClc7jB509bXCcIDnfvpOx_6eaNZPZOCJuaVaSOlk7jJ7Pc0JOqkvR8_gM',
    engine: SEED,
    scenario: SC02,
    view: { index: 12 },
  },
  {
    made: 'format 1, SC07, connection c2 highlighted, editor folded',
    link: '#s=1.d.XVJLjtNAEL3KU81iQDIZOwn5mJWNECyRyGIieTF2-zlpTVId3D1JpFEkDsEJOQlyjMBh1-_bqlK9ylHSJBLqxiolfRUt95RUPFlLJMbt9zZIKnMzaxZVMp3VnMRLJtMmruZNs-RsEc-X09liMl0uzPupXCLxhlq21kkqd_j2MZ7j14-fWG0JfyoPePNltfr6kER48mXDp7eF3iFDKJ_pkd972HpHGKdKE6xTBIf1B3irhsjuPdxJ_5MfYT38tmxZVjui1LrrbFoyQo6WhvZIDxtgFTybbakbRp3v-qHyHNDy-wt96Os2jh7uyBY2jAottN8Puq10sCrNM7VGxUIBYO9qYhvCoYfd613LF090I_akZ9sVPiJZjkfxaDxK4nQR32jrf1py1Qr1prWH0LvcgYoM22QA878ww-dPKzwk1wl6Kh9Q6xvXeEDlA-pP0OycJ_KbyGQQ6fWsUInkaHnqDsdqzbOk47i7GlVJxYwlEtY2uFZSadyuZi2Xy28',
    engine: SEED,
    scenario: SC07,
    view: { index: 20, conn: 'c2', editor: 'folded' },
  },
  {
    made: 'format 1, parent, non-ASCII comment, compare with seed',
    link: 'https://example.org/some/sub/path/?x=1#s=1.d.LZAxTsQwEEWvMhraEGKTSBt3KRAXoNgijdces9aScWR7Q7GKlGNQgKg5BzfZE3AEFGW7-V9PT19zwQmVKJD41TOhuiDrgVDhqCNxxgJNGAafUaF4FM7uWttoWbmmamvpyElXu0a7Qysara2UVGucC0yGWEcfUN3MsPl67vmgzYnYwoF6BgAYgiU45jxucb3uI50TQdLuxiSKE0XYg2hlWZWyFJXaVastmejHvFFhJIYOjhIA7uC6fJ7Zm2DpunzB7w_8fX8sG9jB89MLPAjIAfZbZd5CIuh6xgInT-_rK0wY1tmoMBFZnOd_',
    engine: { name: 'parent', commit: '131fd89d5a20f50942fef2f4f5afb915aad22e4a' },
    scenario: SMALL,
    view: { compare: 'seed' },
  },
  {
    made: 'format 1, modern, empty scenario',
    link: '#s=1.d.FcQxDsMgEATAv2xNkZPJge43GNYWBSDZkVMg_h5lipl4YOLAftZO2ERPjTC0UXh1OOTRWv3AkIRHfvm4HzG9Kd6rlp1hk_BPAmNRlaBYDndmT1cdMMDhqfzC5lo_',
    engine: { name: 'modern', commit: 'a1efc048bf8a5e14466dbe7317e73117e8d66176' },
    scenario: '',
    view: {},
  },
];

describe('frozen share links', () => {
  for (const f of CORPUS) {
    it(`still opens: ${f.made}`, async () => {
      const hash = f.link.slice(f.link.indexOf('#'));
      const r = await decodeShare(hash);
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.payload.scenario).toBe(f.scenario);
      expect(r.payload.engine).toEqual(f.engine);
      expect(r.payload.view).toEqual(f.view);
      expect(r.warnings).toEqual([]);
    });
  }
});
