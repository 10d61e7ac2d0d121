/** The gallery's filter (pure): tags in order of first appearance, and the matching examples. */
export interface Filterable {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly tags: readonly string[];
}

export function allTags(items: readonly Filterable[]): string[] {
  const seen = new Set<string>();
  for (const it of items) for (const t of it.tags) seen.add(t);
  return [...seen];
}

/** Items carrying every tag of `tags`, whose text contains `query` (case-insensitive). */
export function filterExamples<T extends Filterable>(items: readonly T[], tags: readonly string[], query = ''): T[] {
  const q = query.trim().toLowerCase();
  return items.filter(
    (it) =>
      tags.every((t) => it.tags.includes(t)) &&
      (q === '' || `${it.id} ${it.title} ${it.summary} ${it.tags.join(' ')}`.toLowerCase().includes(q)),
  );
}
