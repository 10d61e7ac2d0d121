import type { ReactNode } from 'react';

const SPANS = /(`[^`]+`|\*[^*\s][^*]*\*)/g;

/**
 * Markdown-lite for short texts (explanations, example and lesson titles): `code` and
 * *emphasis* as React nodes — never HTML, so nothing in the text can inject markup.
 */
export function rich(s: string): ReactNode[] {
  return s.split(SPANS).map((part, i) => {
    if (part.length > 1 && part.startsWith('`') && part.endsWith('`')) return <code key={i}>{part.slice(1, -1)}</code>;
    if (part.length > 1 && part.startsWith('*') && part.endsWith('*')) return <em key={i}>{part.slice(1, -1)}</em>;
    return part;
  });
}

/** The same text without its markers, for tooltips, labels and document titles (where no markup shows). */
export function plain(s: string): string {
  return s.replace(SPANS, (m) => m.slice(1, -1));
}
