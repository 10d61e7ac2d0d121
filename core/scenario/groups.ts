import type { ClientRef } from './ast';

/**
 * The client names a script statement means: one name, a range (`web[1..10]`) or every member
 * of a group opened so far (`web[*]`). A group remembers its members between statements, in
 * the order they were first opened. Shared by the engines' script interpreter and by verify's
 * player, so that both read a script alike.
 */
export class ClientGroups {
  private readonly groups = new Map<string, string[]>();

  /** The names `ref` stands for; `opening`: a range joins its group. */
  expand(ref: ClientRef, opening: boolean): string[] {
    switch (ref.kind) {
      case 'one':
        return [ref.name];
      case 'range': {
        const out: string[] = [];
        for (let i = ref.from; i <= ref.to; i++) out.push(`${ref.prefix}${i}`);
        if (opening) {
          const prev = this.members(ref.prefix);
          const seen = new Set(prev);
          for (const n of out) if (!seen.has(n)) prev.push(n);
        }
        return out;
      }
      case 'all':
        return [...this.members(ref.prefix)];
    }
  }

  /** The group's member list itself (created empty), for callers that add to it as clients arrive. */
  members(prefix: string): string[] {
    let names = this.groups.get(prefix);
    if (!names) this.groups.set(prefix, (names = []));
    return names;
  }
}
