/// <reference types="vite/client" />

// Monaco 0.57 ships this module without typings; it is imported for its side effect only.
declare module 'monaco-editor/editor/contrib/suggest/browser/suggestController';

interface Window {
  /** The e2e test hook (app/store/testHook.ts). */
  __playground?: import('./store/testHook').PlaygroundHook;
}
