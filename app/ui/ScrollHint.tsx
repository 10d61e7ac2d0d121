import { useEffect, useState, type RefObject } from 'react';
import './scroll-hint.css';

/**
 * Says that a box scrolls sideways (issue 19: a phone's diagram cut off with no hint): a fade
 * and an arrow on each side that has more, and a tap on the arrow scrolls there. Placed as a
 * sibling of the scrolling box, inside a positioned parent.
 */
export function ScrollHint({ target, label }: { target: RefObject<HTMLElement | null>; label: string }) {
  const [more, setMore] = useState({ left: false, right: false });
  useEffect(() => {
    const el = target.current;
    if (!el) return;
    const update = () => {
      const left = el.scrollLeft > 2;
      const right = el.scrollLeft + el.clientWidth < el.scrollWidth - 2;
      setMore((m) => (m.left === left && m.right === right ? m : { left, right }));
    };
    update();
    el.addEventListener('scroll', update, { passive: true });
    const ro = new ResizeObserver(update);
    ro.observe(el);
    // The content changes size too (a new run, a server box expanded).
    const mo = new MutationObserver(update);
    mo.observe(el, { childList: true, subtree: true, attributes: true, attributeFilter: ['style', 'viewBox'] });
    return () => {
      el.removeEventListener('scroll', update);
      ro.disconnect();
      mo.disconnect();
    };
  }, [target]);
  const go = (dir: -1 | 1) => {
    const el = target.current;
    if (el) el.scrollBy({ left: dir * el.clientWidth * 0.8, behavior: 'smooth' });
  };
  return (
    <>
      {more.left && (
        <button className="scroll-hint left" data-scroll-hint="left" data-testid="scroll-hint-left" data-arrow="‹" aria-label={`Scroll the ${label} left`} onClick={() => go(-1)} />
      )}
      {more.right && (
        <button className="scroll-hint right" data-scroll-hint="right" data-testid="scroll-hint-right" data-arrow="›" aria-label={`Scroll the ${label} right: more there`} onClick={() => go(1)} />
      )}
    </>
  );
}
