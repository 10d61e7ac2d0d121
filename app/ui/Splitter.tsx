import { useRef, useState } from 'react';

/**
 * A pointer-drag splitter. `axis="x"` resizes a width, `"y"` a height; `invert` when
 * the resized pane is after the splitter (dragging up grows the bottom pane).
 */
export function Splitter(props: {
  axis: 'x' | 'y';
  value: number;
  min: number;
  max: () => number;
  invert?: boolean;
  label: string;
  onChange: (v: number) => void;
}) {
  const start = useRef<{ pos: number; value: number } | null>(null);
  const [dragging, setDragging] = useState(false);
  const clamp = (v: number) => Math.round(Math.max(props.min, Math.min(props.max(), v)));

  return (
    <div
      className={`splitter ${props.axis}${dragging ? ' dragging' : ''}`}
      role="separator"
      aria-orientation={props.axis === 'x' ? 'vertical' : 'horizontal'}
      aria-label={props.label}
      aria-valuenow={props.value}
      tabIndex={0}
      data-keys="own"
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        start.current = { pos: props.axis === 'x' ? e.clientX : e.clientY, value: props.value };
        setDragging(true);
      }}
      onPointerMove={(e) => {
        if (!start.current) return;
        const d = (props.axis === 'x' ? e.clientX : e.clientY) - start.current.pos;
        props.onChange(clamp(start.current.value + (props.invert ? -d : d)));
      }}
      onPointerUp={() => {
        start.current = null;
        setDragging(false);
      }}
      onPointerCancel={() => {
        start.current = null;
        setDragging(false);
      }}
      onKeyDown={(e) => {
        const step = e.shiftKey ? 48 : 16;
        const grow = props.axis === 'x' ? 'ArrowRight' : 'ArrowDown';
        const shrink = props.axis === 'x' ? 'ArrowLeft' : 'ArrowUp';
        if (e.key === grow) props.onChange(clamp(props.value + (props.invert ? -step : step)));
        else if (e.key === shrink) props.onChange(clamp(props.value - (props.invert ? -step : step)));
        else return;
        e.preventDefault();
      }}
    />
  );
}
