import { EXAMPLES } from '../../core';
import { getState } from '../store';
import { notify } from '../store/notices';
import { replaceScenario } from '../store/replace';
import { starterFor, starterNotice } from './starter';

/**
 * Scenario files: save (download), open (picker, Ctrl/Cmd+O, drag and drop), "New" and
 * "Reset to example". Every replacement goes through `replaceScenario`, so the text it
 * replaces can be restored.
 */

export const MAX_FILE_BYTES = 1_000_000;

let fileName = 'scenario.scenario';

/** The name "Save" uses: the opened file's, or the example's. */
export function setFileName(name: string): void {
  fileName = name;
}
export function currentFileName(): string {
  return fileName;
}

/** `sc02.scenario` → `sc02`; keeps names safe for every file system. */
export function baseName(name: string): string {
  const b = name.replace(/\.[A-Za-z0-9]{1,10}$/, '').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|-+$/g, '');
  return b.slice(0, 60) || 'scenario';
}

/** Offer `data` as a download called `name`. */
export function download(name: string, data: Blob): void {
  const url = URL.createObjectURL(data);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

export function saveScenarioFile(): void {
  const text = getState().editor.text;
  download(`${baseName(fileName)}.scenario`, new Blob([text], { type: 'text/plain;charset=utf-8' }));
}

/** Open a scenario from a File (picker or drop). Refuses what is not a reasonable text file. */
export async function openFile(file: File): Promise<void> {
  if (file.size > MAX_FILE_BYTES) {
    notify({ kind: 'error', text: `${shortName(file.name)} is too large for a scenario (over 1 MB).`, detail: 'Your current scenario is unchanged.' });
    return;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer());
  } catch {
    notify({ kind: 'error', text: `${shortName(file.name)} is not a text file.`, detail: 'Your current scenario is unchanged.' });
    return;
  }
  if (text.includes('\u0000')) {
    notify({ kind: 'error', text: `${shortName(file.name)} is not a text file.`, detail: 'Your current scenario is unchanged.' });
    return;
  }
  text = text.replace(/\r\n?/g, '\n');
  const starter = starterFor(text);
  const kept = replaceScenario(starter.text, `Opened ${shortName(file.name)}`, { quiet: starter.requests > 0 });
  if (starter.requests > 0) starterNotice(`Opened ${shortName(file.name)}`, starter.requests, starter.missed, kept);
  setFileName(file.name);
}

function shortName(name: string): string {
  return name.length > 40 ? `${name.slice(0, 37)}…` : name;
}

/** The file picker (button, Ctrl/Cmd+O). */
export function pickFile(): void {
  const input = document.createElement('input');
  input.type = 'file';
  input.accept = '.scenario,.txt,.cfg,text/plain';
  input.style.display = 'none';
  input.dataset.testid = 'file-input';
  input.addEventListener('change', () => {
    const f = input.files?.[0];
    input.remove();
    if (f) void openFile(f);
  });
  document.body.append(input);
  input.click();
}

export function newScenario(): void {
  replaceScenario('', 'New scenario');
  setFileName('scenario.scenario');
}

export function resetToExample(): void {
  const ex = EXAMPLES[0];
  replaceScenario(ex.text, `Reset to example ${ex.id.toUpperCase()}`);
  setFileName(`${ex.id}.scenario`);
}

/** Drop a file anywhere on the page to open it. Returns the uninstaller. */
export function installDrop(onDragging: (on: boolean) => void): () => void {
  let depth = 0;
  const hasFiles = (e: DragEvent) => !!e.dataTransfer && [...e.dataTransfer.types].includes('Files');
  const enter = (e: DragEvent) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth++;
    onDragging(true);
  };
  const over = (e: DragEvent) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    e.stopPropagation(); // the editor would take the drop
    e.dataTransfer!.dropEffect = 'copy';
  };
  const leave = (e: DragEvent) => {
    if (!hasFiles(e)) return;
    depth = Math.max(0, depth - 1);
    if (depth === 0) onDragging(false);
  };
  const drop = (e: DragEvent) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    e.stopPropagation();
    depth = 0;
    onDragging(false);
    const f = e.dataTransfer!.files[0];
    if (f) void openFile(f);
  };
  window.addEventListener('dragenter', enter, true);
  window.addEventListener('dragover', over, true);
  window.addEventListener('dragleave', leave, true);
  window.addEventListener('drop', drop, true);
  return () => {
    window.removeEventListener('dragenter', enter, true);
    window.removeEventListener('dragover', over, true);
    window.removeEventListener('dragleave', leave, true);
    window.removeEventListener('drop', drop, true);
  };
}
