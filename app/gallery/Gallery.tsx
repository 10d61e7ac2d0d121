import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { CONFIG_EXAMPLES, EXAMPLES, LOAD_EXAMPLES, SWEEP_EXAMPLES, type Example } from '../../core';
import { RealAgreement } from '../agreement/RealAgreement';
import { setWork, useStore } from '../store';
import { openExample } from '../share/links';
import { Icon } from '../ui/Icon';
import { rich } from '../ui/rich';
import { allTags, filterExamples } from './filter';
import './gallery.css';

const TAGS = allTags(EXAMPLES);

export function GalleryButton() {
  const open = useStore((s) => s.work.dialog === 'examples');
  return (
    <button
      className="btn"
      data-testid="examples-button"
      aria-haspopup="dialog"
      aria-expanded={open}
      onClick={() => setWork({ dialog: open ? null : 'examples' })}
      title="The teaching scenarios SC01–SC20"
    >
      Examples <Icon name="chevron" size={14} />
    </button>
  );
}

/** The examples gallery: titles, two-line explanations, tag chips; filter by tag or text. */
export function Gallery() {
  const open = useStore((s) => s.work.dialog === 'examples');
  if (!open) return null;
  return <GalleryDialog />;
}

function GalleryDialog() {
  const [tags, setTags] = useState<string[]>([]);
  const [query, setQuery] = useState('');
  const shown = useMemo(() => filterExamples(EXAMPLES, tags, query), [tags, query]);
  const load = useMemo(() => filterExamples(LOAD_EXAMPLES, tags, query), [tags, query]);
  const sweeps = useMemo(() => filterExamples(SWEEP_EXAMPLES, tags, query), [tags, query]);
  const configs = useMemo(() => filterExamples(CONFIG_EXAMPLES, tags, query), [tags, query]);
  const close = () => setWork({ dialog: null });
  const toggle = (t: string) => setTags((cur) => (cur.includes(t) ? cur.filter((x) => x !== t) : [...cur, t]));
  const search = useRef<HTMLInputElement>(null);
  useEffect(() => {
    search.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') close();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <div className="overlay" onPointerDown={(e) => e.target === e.currentTarget && close()}>
      <div className="dialog gallery" role="dialog" aria-modal="true" aria-label="Examples" data-testid="examples-menu" data-keys="own">
        <div className="gallery-head">
          <h2>Examples</h2>
          <input
            ref={search}
            className="control search"
            placeholder="Filter…"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            aria-label="Filter the examples"
            data-testid="examples-search"
          />
          <button className="btn icon" onClick={close} aria-label="Close" title="Close (Esc)">
            ×
          </button>
        </div>
        <div className="chips" role="group" aria-label="Filter by tag" data-testid="tag-chips">
          <button className={`tag${tags.length === 0 ? ' on' : ''}`} onClick={() => setTags([])} aria-pressed={tags.length === 0}>
            all
          </button>
          {TAGS.map((t) => (
            <button key={t} className={`tag${tags.includes(t) ? ' on' : ''}`} onClick={() => toggle(t)} aria-pressed={tags.includes(t)} data-testid={`tag-${t}`}>
              {t}
            </button>
          ))}
        </div>
        {/* One scrolling list for the three groups: a scrolling teaching group above two fixed ones was squeezed to nothing. */}
        <div className="gallery-list" data-testid="gallery-list">
          <div className="cards" data-testid="example-cards">
            {shown.map((ex) => (
              <ExampleCard key={ex.id} ex={ex} id={ex.id.toUpperCase()} close={close}>
                <div className="card-tags">
                  {ex.tags.map((t) => (
                    <button key={t} className={`tag small${tags.includes(t) ? ' on' : ''}`} onClick={() => toggle(t)} title={`Only examples tagged ${t}`}>
                      {t}
                    </button>
                  ))}
                </div>
                <RealAgreement example={ex.id} />
              </ExampleCard>
            ))}
            {shown.length + load.length + sweeps.length + configs.length === 0 && <p className="muted none">No example matches. Clear the filter to see them all.</p>}
          </div>
          {/* Configurations: haproxy.cfg features that change which connection a request gets, checked against the binary. */}
          <Group title="Configurations" testid="config-cards" examples={configs} close={close} agreement />
          {/* Load scenarios (issue 5): thousands of clients, run in the worker. */}
          <Group title="Load" testid="load-cards" examples={load} close={close} agreement />
          {/* Sweeps (issue 18): one run per combination of the sweep lines, read on the sweep panel's chart. */}
          <Group title="Sweeps" testid="sweep-cards" examples={sweeps} close={close} />
        </div>
        <div className="gallery-foot muted">
          {shown.length + load.length + sweeps.length + configs.length} of {EXAMPLES.length + LOAD_EXAMPLES.length + SWEEP_EXAMPLES.length + CONFIG_EXAMPLES.length} · link to one with{' '}
          <span className="mono">#example/sc02</span>
        </div>
      </div>
    </div>
  );
}

/** A group of example cards under its heading (nothing when the filter leaves none); `agreement`: each card says whether it matches the real binary. */
function Group(p: { title: string; testid: string; examples: readonly Example[]; close: () => void; agreement?: boolean }) {
  if (p.examples.length === 0) return null;
  return (
    <div className="load-cards" data-testid={p.testid}>
      <h3 className="gallery-group">{p.title}</h3>
      {p.examples.map((ex) => (
        <ExampleCard key={ex.id} ex={ex} close={p.close}>
          {p.agreement && <RealAgreement example={ex.id} />}
        </ExampleCard>
      ))}
    </div>
  );
}

/** One example: a button that opens it (title with its id, when shown, and its two lines), then `children`. */
function ExampleCard({ ex, id, close, children }: { ex: Example; id?: string; close: () => void; children?: ReactNode }) {
  return (
    <div className="card">
      <button
        className="card-main"
        data-testid={`example-${ex.id}`}
        onClick={() => {
          close();
          openExample(ex.id);
        }}
      >
        <div className="title">
          {id && <span className="mono id">{id} </span>}
          {rich(ex.title)}
        </div>
        <div className="summary">
          {ex.summary.split('\n').map((line, i) => (
            <span key={i}>{rich(line)}</span>
          ))}
        </div>
      </button>
      {children}
    </div>
  );
}
