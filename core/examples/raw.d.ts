// Vite's `?raw` suffix imports a file's text as a string (works in Vite and Vitest).
declare module '*.scenario?raw' {
  const text: string;
  export default text;
}
