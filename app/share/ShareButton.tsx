import { useState } from 'react';
import { saveScenarioFile } from '../files/files';
import { WARN_LINK_CHARS } from './codec';
import { writeLinkToAddressBar, type Link } from './links';
import { Popover } from '../ui/Popover';
import { formatCount } from '../model/format';

type State = { link: Link; copied: boolean } | { error: string } | null;

export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** Share: the link (scenario + view) goes to the clipboard and the address bar. */
export function ShareButton() {
  const [state, setState] = useState<State>(null);
  const [open, setOpen] = useState(false);
  const share = async () => {
    setState(null);
    try {
      const link = await writeLinkToAddressBar();
      setState({ link, copied: await copyText(link.url) });
    } catch (e) {
      setState({ error: e instanceof Error ? e.message : String(e) });
    }
  };
  return (
    <Popover
      label="Share"
      className="primary"
      testId="share-button"
      title="Copy a link to this scenario and view (Ctrl+S puts it in the address bar)"
      panelClass="share-panel"
      open={open}
      setOpen={setOpen}
      onOpen={() => void share()}
    >
      {() => <SharePanel state={state} />}
    </Popover>
  );
}

function SharePanel({ state }: { state: State }) {
  const [embedCopied, setEmbedCopied] = useState(false);
  if (state === null) return <div className="share-body muted">Making the link…</div>;
  if ('error' in state) return <div className="share-body" role="alert">The link could not be made: {state.error}</div>;
  const { link, copied } = state;
  const n = link.url.length;
  const long = n > WARN_LINK_CHARS;
  const embed = `<iframe src="${link.embedUrl}" title="Reuse Playground" width="100%" height="560" style="border:0"></iframe>`;
  return (
    <div className="share-body" data-testid="share-panel">
      <div className="share-status" data-testid="share-status">
        {copied ? '✓ Link copied — it is in the address bar too.' : 'The link is in the address bar: copy it from there or below.'}
      </div>
      <input className="control share-url" readOnly value={link.url} onFocus={(e) => e.currentTarget.select()} aria-label="Share link" data-testid="share-url" />
      <div className={`share-length${long ? ' long' : ''}`} data-testid="share-length">
        {formatCount(n)} characters
        {long ? ' — longer than 2,000: Discord and some chat apps will cut it. Send the scenario file instead.' : ' · the scenario, engine, event and panels are in it'}
      </div>
      <div className="share-actions">
        {!copied && (
          <button className="btn" onClick={() => void copyText(link.url)} data-testid="share-copy">
            Copy link
          </button>
        )}
        {long && (
          <button className="btn" onClick={saveScenarioFile} data-testid="share-download">
            Download scenario file
          </button>
        )}
        <button
          className="btn"
          onClick={async () => setEmbedCopied(await copyText(embed))}
          title="An iframe showing the diagram, timeline and explanations, read-only"
          data-testid="share-embed"
        >
          {embedCopied ? '✓ Embed code copied' : 'Copy embed code'}
        </button>
      </div>
    </div>
  );
}
