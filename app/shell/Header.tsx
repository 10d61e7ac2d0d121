import { commitLabel, MODERN_LABEL, MODERN_SUMMARY, type EngineName } from '../../core';
import { cycleTheme, setEngine, setHelp } from '../store/actions';
import { useStore } from '../store';
import { engineChoiceInText } from '../model/engineText';
import { Icon } from '../ui/Icon';
import { GalleryButton } from '../gallery/Gallery';
import { LessonsMenu } from '../lessons/LessonsMenu';
import { CompareButton } from '../compare/CompareButton';
import { FileMenu } from '../files/FileMenu';
import { ShareButton } from '../share/ShareButton';

/**
 * The engines the selector offers, with the HAProxy commit each one models. `choice` is what the
 * engine line says (`engine modern 3.0`); plain `modern` is 2.6 (docs/versions.md).
 */
export const ENGINES: readonly { choice: string; name: EngineName; commit: string; label: string; title: string }[] = [
  { choice: 'seed', name: 'seed', commit: '7c6f8b146', label: 'seed', title: 'MAJOR: connections: Detach connections from streams' },
  { choice: 'parent', name: 'parent', commit: '131fd89d5', label: 'parent', title: 'MINOR: sessions: Start to store the outgoing connection in sessions' },
  { choice: 'modern', name: 'modern', commit: 'v2.6.0', label: MODERN_LABEL, title: MODERN_SUMMARY },
  { choice: 'modern 2.8', name: 'modern', commit: 'v2.8.0', label: 'modern 2.8', title: 'HAProxy 2.8: the 2.6 engine, except that a frontend\u2019s option httpclose closes the client connection only and the server connection is pooled' },
  { choice: 'modern 3.0', name: 'modern', commit: 'v3.0.0', label: 'modern 3.0', title: 'HAProxy 3.0: the 2.8 engine with what 3.0 changed (NTLM on shared h2 connections, no 502 on a reused connection that dies, the keep-alive wait no longer capped by timeout client)' },
  { choice: 'modern 3.2', name: 'modern', commit: 'v3.2.0', label: 'modern 3.2', title: 'HAProxy 3.2: the 3.0 engine with what 3.2 changed (leastconn random among equally loaded servers, client idle timers without timeout client)' },
  { choice: 'modern 3.4', name: 'modern', commit: 'v3.4.0', label: 'modern 3.4', title: 'HAProxy 3.4: the 3.2 engine with what 3.3 and 3.4 changed (balance random by default, its ties broken by request rate, option abortonclose on by default, the consistent ring as in 2.8)' },
];

export function Header() {
  return (
    <header className="header">
      <div className="brand">
        <Logo />
        <span className="brand-name">Reuse Playground</span>
        <span className="brand-sub">HAProxy backend-connection reuse, step by step</span>
      </div>
      <div className="spacer" />
      <EngineSelect />
      <GalleryButton />
      <LessonsMenu />
      <CompareButton />
      <FileMenu />
      <ShareButton />
      <ThemeToggle />
      <button className="btn icon" onClick={() => setHelp(true)} title="Keyboard shortcuts (?)" aria-label="Keyboard shortcuts">
        ?
      </button>
    </header>
  );
}

function Logo() {
  return (
    <svg className="brand-mark" viewBox="0 0 24 24" aria-hidden="true">
      <rect x="1.5" y="4" width="7" height="7" rx="2" fill="none" stroke="var(--c-own)" strokeWidth="2" />
      <rect x="15.5" y="13" width="7" height="7" rx="2" fill="none" stroke="var(--c-idle)" strokeWidth="2" />
      <path d="M8.5 7.5 C 13 7.5, 11 16.5, 15.5 16.5" fill="none" stroke="var(--accent)" strokeWidth="2" />
    </svg>
  );
}

function EngineSelect() {
  const result = useStore((s) => s.sim.result);
  const text = useStore((s) => s.editor.text);
  // What the text asks for; falls back to the engine of the last good run.
  const asked = engineChoiceInText(text);
  const info = ENGINES.find((e) => e.choice === asked) ?? ENGINES.find((e) => e.name === (result?.engine ?? 'seed'));
  const current = info?.choice ?? 'seed';
  // The last run's full hash when it ran this choice (its label is the choice's commit).
  const full = result?.commit && info && commitLabel(result.commit) === info.commit ? result.commit : info?.commit;
  const commit = full && commitLabel(full);
  return (
    <div className="engine-select header-group">
      <label className="field-label" htmlFor="engine">
        Engine
      </label>
      <select
        id="engine"
        className="control"
        data-testid="engine-select"
        title={info ? `HAProxy ${commit ?? info.commit}: ${info.title}` : undefined}
        value={current}
        onChange={(e) => {
          setEngine(e.target.value);
          e.currentTarget.blur();
        }}
      >
        {ENGINES.map((e) => (
          <option key={e.choice} value={e.choice}>
            {e.label}
          </option>
        ))}
      </select>
      {commit && (
        <a
          className="engine-commit"
          data-testid="engine-commit"
          href={
            commit.startsWith('v')
              ? `https://github.com/haproxy/haproxy/tree/${commit}`
              : `https://github.com/haproxy/haproxy/commit/${commit}`
          }
          target="_blank"
          rel="noreferrer noopener"
          title={`HAProxy ${commit}: ${info?.title ?? ''} (opens GitHub)`}
        >
          {commit}
        </a>
      )}
    </div>
  );
}

function ThemeToggle() {
  const theme = useStore((s) => s.view.theme);
  const label = theme === 'system' ? 'Theme: system' : theme === 'light' ? 'Theme: light' : 'Theme: dark';
  const icon = theme === 'system' ? 'auto' : theme === 'light' ? 'sun' : 'moon';
  return (
    <button className="btn" onClick={cycleTheme} title={`${label} (click to change)`} aria-label={label} data-testid="theme-toggle">
      <Icon name={icon} />
      <span className="theme-label" style={{ fontSize: 12 }}>{theme}</span>
    </button>
  );
}
