import { getState } from '../store';
import { pickFile } from '../files/files';
import { writeLinkToAddressBar } from './links';
import { notify } from '../store/notices';
import { WARN_LINK_CHARS } from './codec';
import { formatCount } from '../model/format';

/**
 * Ctrl/Cmd+S writes the share link into the address bar (the browser's "save page" would
 * save nothing useful); Ctrl/Cmd+O opens a scenario file. Captured before the editor.
 */
export function onShortcut(e: KeyboardEvent): void {
  if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return;
  const k = e.key.toLowerCase();
  if (k !== 's' && k !== 'o') return;
  if (getState().work.embed) return;
  e.preventDefault();
  e.stopPropagation();
  if (k === 'o') pickFile();
  else
    void writeLinkToAddressBar().then((link) =>
      notify({
        kind: link.url.length > WARN_LINK_CHARS ? 'warn' : 'info',
        text:
          link.url.length > WARN_LINK_CHARS
            ? `The link is in the address bar (${formatCount(link.url.length)} characters — too long for some chat apps).`
            : `The link is in the address bar (${formatCount(link.url.length)} characters). Your work is also autosaved.`,
        actions: link.url.length > WARN_LINK_CHARS ? ['download-scenario'] : undefined,
      }),
    );
}

export function installShortcuts(): () => void {
  window.addEventListener('keydown', onShortcut, true);
  return () => window.removeEventListener('keydown', onShortcut, true);
}
