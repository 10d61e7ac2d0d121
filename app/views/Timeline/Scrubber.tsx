import { useRef, type ReactNode, type RefObject } from 'react';

/**
 * The rail of a timeline (the main one and compare's): a slider that the pointer drags
 * through the run. The owner measures it (`sizeRef`, `width`) and draws its SVG content.
 */
export function Scrubber(p: {
  sizeRef: RefObject<HTMLDivElement | null>;
  width: number;
  label: string;
  testId: string;
  height: number;
  /** Positions of the slider, and the current one (1-based; 0 before the first). */
  count: number;
  valueNow: number;
  onSeek: (clientX: number, el: HTMLElement) => void;
  /** Called when a drag starts (e.g. to pause playback). */
  onGrab?: () => void;
  children: ReactNode;
}) {
  const dragging = useRef(false);
  return (
    <div
      ref={p.sizeRef}
      className="track"
      role="slider"
      tabIndex={0}
      aria-label={p.label}
      aria-valuemin={0}
      aria-valuemax={p.count}
      aria-valuenow={p.valueNow}
      data-testid={p.testId}
      style={{ height: p.height }}
      onPointerDown={(e) => {
        if (p.count === 0) return;
        p.onGrab?.();
        dragging.current = true;
        e.currentTarget.setPointerCapture(e.pointerId);
        p.onSeek(e.clientX, e.currentTarget);
      }}
      onPointerMove={(e) => {
        if (dragging.current) p.onSeek(e.clientX, e.currentTarget);
      }}
      onPointerUp={() => (dragging.current = false)}
      onPointerCancel={() => (dragging.current = false)}
    >
      {p.width > 0 && <svg aria-hidden="true">{p.children}</svg>}
    </div>
  );
}
