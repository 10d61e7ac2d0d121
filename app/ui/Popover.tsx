import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * A button with a dropdown panel: closes on Escape and on a click outside. Keys typed
 * inside belong to it (`data-keys="own"`: the transport shortcuts leave them alone).
 */
export function Popover(p: {
  label: ReactNode;
  title?: string;
  testId: string;
  className?: string;
  panelClass?: string;
  onOpen?: () => void;
  children: (close: () => void) => ReactNode;
  open?: boolean;
  setOpen?: (v: boolean) => void;
}) {
  const [ownOpen, setOwnOpen] = useState(false);
  const open = p.open ?? ownOpen;
  const setOpen = p.setOpen ?? setOwnOpen;
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: Event) => {
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !ref.current?.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener('pointerdown', close);
    window.addEventListener('keydown', close);
    return () => {
      window.removeEventListener('pointerdown', close);
      window.removeEventListener('keydown', close);
    };
  }, [open, setOpen]);
  return (
    <div className="header-group popover-host" ref={ref} data-keys="own">
      <button
        className={`btn ${p.className ?? ''}`}
        data-testid={p.testId}
        aria-haspopup="menu"
        aria-expanded={open}
        title={p.title}
        onClick={() => {
          if (!open) p.onOpen?.();
          setOpen(!open);
        }}
      >
        {p.label}
      </button>
      {open && <div className={`menu ${p.panelClass ?? ''}`}>{p.children(() => setOpen(false))}</div>}
    </div>
  );
}
