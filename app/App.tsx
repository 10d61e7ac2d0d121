import { lazy, Suspense, type CSSProperties } from 'react';
import { setSizes, toggleEditor } from './store/actions';
import { useStore } from './store';
import { useApplyTheme } from './ui/theme';
import { plural } from './model/format';
import { Header } from './shell/Header';
import { Stage } from './views/Stage';
import { Timeline } from './views/Timeline/Timeline';
import { EventLog } from './views/EventLog/EventLog';
import { LogFilterScan } from './views/EventLog/LogFilterScan';
import { WhyPanel } from './views/Why/WhyPanel';
import { Splitter } from './ui/Splitter';
import { PaneBoundary } from './ui/PaneBoundary';
import { HelpOverlay } from './views/common/HelpOverlay';
import { Gallery } from './gallery/Gallery';
import { NoticeBar } from './share/NoticeBar';
import { DropOverlay } from './files/DropOverlay';
import { SaveStatus } from './files/SaveStatus';
import { CompareView } from './compare/CompareView';
import { LessonPanel } from './lessons/LessonPanel';
import { usePhone } from './ui/usePhone';
// Not lazy: it is 2 kB, and a second lazy chunk made the bundler split React into a chunk of its own.
import PhoneEditor from './editor/PhoneEditor';
import { ProblemsPanel, ProblemsToggle } from './editor/ProblemsPanel';
import { isIgnoredNote } from './editor/notes';

const ScenarioEditor = lazy(() => import('./editor/ScenarioEditor'));

/** Layout only (G15): header, editor | stage, timeline, log | why. */
export function App() {
  useApplyTheme();
  const sizes = useStore((s) => s.view.sizes);
  const collapsed = useStore((s) => s.view.editorCollapsed);
  const comparing = useStore((s) => s.work.compare !== null);
  // A phone gets a plain text area: Monaco has no real touch support.
  const phone = usePhone();
  const style = {
    '--editor-w': collapsed ? '34px' : `${sizes.editor}px`,
    '--bottom-h': `${sizes.bottom}px`,
    '--log-w': `${sizes.log}px`,
  } as CSSProperties;
  return (
    <div className={`app${comparing ? ' comparing' : ''}`} style={style}>
      <Header />
      {comparing && <CompareView />}
      <main className="workspace">
        <section className={`pane${collapsed ? ' collapsed' : ''}`} aria-label="Scenario">
          {collapsed && (
            <button className="editor-rail" onClick={toggleEditor} title="Show the scenario editor" data-testid="editor-expand">
              Scenario ›
            </button>
          )}
          <LessonPanel />
          <EditorTitle />
          <ProblemsPanel />
          <PaneBoundary name="Editor">
            <Suspense fallback={<div className="editor-loading">Loading the editor…</div>}>
              {phone ? <PhoneEditor /> : <ScenarioEditor />}
            </Suspense>
          </PaneBoundary>
        </section>
        <Splitter
          axis="x"
          label="Resize the editor"
          value={sizes.editor}
          min={260}
          max={() => window.innerWidth - 420}
          onChange={(v) => setSizes({ editor: v })}
        />
        <section className="pane" aria-label="Diagram">
          <PaneBoundary name="Diagram">
            <Stage />
          </PaneBoundary>
        </section>
      </main>
      <PaneBoundary name="Timeline">
        <Timeline />
      </PaneBoundary>
      <Splitter
        axis="y"
        label="Resize the event log"
        value={sizes.bottom}
        min={120}
        max={() => window.innerHeight - 300}
        invert
        onChange={(v) => setSizes({ bottom: v })}
      />
      <div className="bottom">
        <PaneBoundary name="Log">
          <EventLog />
        </PaneBoundary>
        <Splitter
          axis="x"
          label="Resize the why panel"
          value={sizes.log}
          min={280}
          max={() => window.innerWidth - 300}
          onChange={(v) => setSizes({ log: v })}
        />
        <PaneBoundary name="Why">
          <WhyPanel />
        </PaneBoundary>
      </div>
      <LogFilterScan />
      <HelpOverlay />
      <Gallery />
      <NoticeBar />
      <DropOverlay />
    </div>
  );
}

function EditorTitle() {
  const errors = useStore((s) => s.editor.errorCount);
  // Lines the simulation skips are counted apart from the warnings that matter (app/editor/notes.ts).
  const ignored = useStore((s) => s.editor.diagnostics.filter(isIgnoredNote).length);
  const warnings = useStore((s) => s.editor.diagnostics.length - s.editor.errorCount) - ignored;
  const pending = useStore((s) => s.editor.pending);
  const empty = useStore((s) => s.editor.text.trim() === '');
  return (
    <div className="pane-title">
      Scenario
      <span className="spacer" />
      <SaveStatus />
      <span className="status diag-count" data-testid="diag-count">
        {pending ? <span className="muted">running…</span> : null}
        {empty && !pending && <span className="muted">empty</span>}
        <ProblemsToggle>
          {!empty && errors > 0 && <span className="e">{plural(errors, 'error')}</span>}
          {!empty && warnings > 0 && <span className="w">{plural(warnings, 'warning')}</span>}
          {!empty && ignored > 0 && <span className="i" title="Lines the simulation skips (logging, health checks…)">{ignored} ignored</span>}
        </ProblemsToggle>
        {!empty && !pending && errors === 0 && warnings === 0 && ignored === 0 && <span style={{ color: 'var(--ok)' }}>✓ ok</span>}
      </span>
      <button className="btn icon collapse" onClick={toggleEditor} title="Fold the editor (more room for the diagram)" aria-label="Fold the editor" data-testid="editor-collapse">
        ‹
      </button>
    </div>
  );
}
