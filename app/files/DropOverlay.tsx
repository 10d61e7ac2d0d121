import { useEffect, useState } from 'react';
import { installDrop } from './files';

/** While a file is dragged over the page: a calm hint where it can go. */
export function DropOverlay() {
  const [dragging, setDragging] = useState(false);
  useEffect(() => installDrop(setDragging), []);
  if (!dragging) return null;
  return (
    <div className="drop-overlay" data-testid="drop-overlay" aria-hidden="true">
      <div>Drop a .scenario file to open it</div>
    </div>
  );
}
