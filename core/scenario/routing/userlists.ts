/**
 * `userlist` sections as HAProxy 2.6.0 reads them (cfgparse.c:1290-1450 cfg_parse_users): `group
 * NAME [users U,…]` and `user NAME [password HASH | insecure-password PASS] [groups G,…]`; a user's
 * groups are those it names and those that name it. Only clear-text passwords can be checked by
 * the simulation (a hash needs crypt(3)): a hashed one is a warning, and that user never matches.
 */
import type { Userlist } from '../../model/routing';
import type { Span, UserlistSection, Word } from '../ast';

interface Report {
  warn(span: Span, message: string): void;
  error(span: Span, message: string, expected: string): void;
}

const words = (w: Word | undefined) => (w ? w.text.split(',').filter((x) => x !== '') : []);

export function compileUserlists(sections: readonly UserlistSection[], r: Report): Map<string, Userlist> {
  const out = new Map<string, Userlist>();
  for (const sec of sections) {
    if (!sec.name) {
      r.error(sec.span, "'userlist' expects a name", 'userlist NAME');
      continue;
    }
    const users: { name: string; pass: string; insecure: boolean; groups: string[]; at: Word }[] = [];
    const members = new Map<string, { names: string[]; at: Word }>();
    for (const ws of sec.lines) {
      const kw = ws[0]!.text;
      if (kw === 'group' && ws[1]) {
        let i = 2;
        const names: string[] = [];
        for (; i < ws.length; i += 2) {
          if (ws[i]!.text !== 'users' || !ws[i + 1]) break;
          names.push(...words(ws[i + 1]));
        }
        if (i < ws.length) r.error(ws[i]!.span, `'${ws[i]!.text}' is not an option of 'group' (HAProxy refuses it)`, "'users' and a comma-separated list of users");
        members.set(ws[1].text, { names, at: ws[1] });
      } else if (kw === 'user' && ws[1]) {
        const u = { name: ws[1].text, pass: '', insecure: false, groups: [] as string[], at: ws[1] };
        for (let i = 2; i < ws.length; i += 2) {
          const opt = ws[i]!.text;
          const v = ws[i + 1];
          if (!v) {
            r.error(ws[i]!.span, `'${opt}' expects a value`, 'a password or a comma-separated list of groups');
            break;
          }
          if (opt === 'password') {
            u.pass = v.text;
            r.warn(v.span, `user ${u.name}'s password is a crypt(3) hash, which the simulation cannot check: ${u.name} never authenticates here (write 'insecure-password' to model the user)`);
          } else if (opt === 'insecure-password') {
            u.pass = v.text;
            u.insecure = true;
          } else if (opt === 'groups') u.groups.push(...words(v));
          else r.error(ws[i]!.span, `'${opt}' is not an option of 'user' (HAProxy refuses it)`, "'password', 'insecure-password' or 'groups'");
        }
        users.push(u);
      } else {
        r.error(ws[0]!.span, `unknown keyword '${kw}' in a userlist section; expected 'user NAME …' or 'group NAME …'`, "'user' or 'group'");
      }
    }
    // auth.c:140-190 (userlist_postinit): a group a user names, or a user a group names, must exist.
    for (const u of users) {
      for (const g of u.groups) if (!members.has(g)) r.error(u.at.span, `userlist '${sec.name.text}': no such group '${g}' specified in user '${u.name}'`, `a 'group ${g}' line in the userlist`);
    }
    for (const [group, m] of members) {
      for (const n of m.names) {
        const u = users.find((x) => x.name === n);
        if (!u) r.error(m.at.span, `userlist '${sec.name.text}': no such user '${n}' specified in group '${group}'`, `a 'user ${n}' line in the userlist`);
        else if (!u.groups.includes(group)) u.groups.push(group);
      }
    }
    out.set(sec.name.text, { name: sec.name.text, users: users.map(({ at: _at, ...u }) => u) });
  }
  return out;
}
