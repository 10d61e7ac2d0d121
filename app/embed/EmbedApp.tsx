import { useEffect, useState } from 'react';
import { commitLabel } from '../../core';
import { useStore } from '../store';
import { useApplyTheme } from '../ui/theme';
import { baseUrl } from '../share/links';
import { NoticeBar } from '../share/NoticeBar';
import { Stage } from '../views/Stage';
import { Timeline } from '../views/Timeline/Timeline';
import { WhyPanel } from '../views/Why/WhyPanel';
import { PaneBoundary } from '../ui/PaneBoundary';
import { plain, rich } from '../ui/rich';
import './embed.css';

/** The scenario's title: its first line when that is a comment. */
export function scenarioTitle(text: string): string {
  const first = text.split('\n', 1)[0]?.trim() ?? '';
  return first.startsWith('#') ? first.replace(/^#+\s*/, '').slice(0, 120) : 'Scenario';
}

/**
 * `?embed=1`: diagram, timeline and why panel only — read-only, light, no autosave — for
 * an iframe in a blog post or course page, with a link to the full playground.
 */
export function EmbedApp() {
  useApplyTheme();
  const text = useStore((s) => s.editor.text);
  const engine = useStore((s) => s.sim.result?.engine);
  const commit = useStore((s) => s.sim.result?.commit);
  const [href, setHref] = useState(() => baseUrl() + location.hash);
  useEffect(() => {
    const update = () => setHref(baseUrl() + location.hash);
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return (
    <div className="embed" data-testid="embed">
      <div className="embed-bar">
        <span className="embed-title" title={plain(scenarioTitle(text))} data-testid="embed-title">
          {rich(scenarioTitle(text))}
        </span>
        {engine && (
          <span className="embed-engine" data-testid="embed-engine">
            {engine} <span className="mono">{commit && commitLabel(commit)}</span>
          </span>
        )}
        <a className="btn embed-open" href={href} target="_blank" rel="noopener noreferrer" data-testid="open-in-playground">
          Open<span className="long"> in playground</span> ↗
        </a>
      </div>
      <section className="pane embed-stage" aria-label="Diagram">
        <PaneBoundary name="Diagram">
          <Stage />
        </PaneBoundary>
      </section>
      <PaneBoundary name="Timeline">
        <Timeline />
      </PaneBoundary>
      <div className="embed-why">
        <PaneBoundary name="Why">
          <WhyPanel hint="Play, step or click the timeline to see why each step happened." />
        </PaneBoundary>
      </div>
      <NoticeBar />
    </div>
  );
}
