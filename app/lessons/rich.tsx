import type { ReactNode } from 'react';

/** `code` and *emphasis* in short texts (lessons, example titles), as React nodes — never HTML. */
export function rich(s: string): ReactNode[] {
  return s.split(/(`[^`]+`|\*[^*]+\*)/g).map((part, i) => {
    if (part.startsWith('`') && part.endsWith('`') && part.length > 1) return <code key={i}>{part.slice(1, -1)}</code>;
    if (part.startsWith('*') && part.endsWith('*') && part.length > 1) return <em key={i}>{part.slice(1, -1)}</em>;
    return part;
  });
}
