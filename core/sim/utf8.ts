/**
 * UTF-8 bytes of a string, and a string of UTF-8 bytes: the Encoding API, global in browsers and in
 * Node. core/ is checked against ES2022 alone (core/tsconfig.json: no DOM), which does not declare
 * it, so its shape is written here.
 */
const codec = globalThis as unknown as {
  readonly TextEncoder: new () => { encode(s: string): Uint8Array };
  readonly TextDecoder: new () => { decode(bytes: Uint8Array): string };
};

const encoder = new codec.TextEncoder();
const decoder = new codec.TextDecoder();

export const utf8Bytes = (s: string): Uint8Array => encoder.encode(s);
export const utf8Text = (bytes: Uint8Array): string => decoder.decode(bytes);
