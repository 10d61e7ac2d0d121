/** Small stroke icons (no icon font: nothing to download, no missing glyphs). */
const PATHS = {
  start: 'M5 4v12 M15 4 L7 10 L15 16 Z',
  prev: 'M14 4 L6 10 L14 16 Z',
  play: 'M6 4 L16 10 L6 16 Z',
  pause: 'M6 4v12 M14 4v12',
  next: 'M6 4 L14 10 L6 16 Z',
  end: 'M15 4v12 M5 4 L13 10 L5 16 Z',
  chevron: 'M5 8 L10 13 L15 8',
  sun: 'M10 6.5a3.5 3.5 0 1 0 0.01 0 M10 1.5v2 M10 16.5v2 M1.5 10h2 M16.5 10h2 M4 4l1.4 1.4 M14.6 14.6L16 16 M4 16l1.4-1.4 M14.6 5.4L16 4',
  moon: 'M15.5 12.5A6.5 6.5 0 0 1 7.5 4.5a6.5 6.5 0 1 0 8 8z',
  auto: 'M10 3a7 7 0 1 0 0.01 0 M10 3v14',
} as const;

const FILLED = new Set(['start', 'prev', 'play', 'next', 'end']);

export function Icon({ name, size = 16 }: { name: keyof typeof PATHS; size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 20 20" aria-hidden="true" style={{ display: 'block' }}>
      <path
        d={PATHS[name]}
        fill={FILLED.has(name) ? 'currentColor' : name === 'auto' ? 'none' : 'none'}
        stroke="currentColor"
        strokeWidth={name === 'pause' ? 3 : 1.6}
        strokeLinecap="round"
        strokeLinejoin="round"
      />
      {name === 'auto' && <path d="M10 3a7 7 0 0 1 0 14z" fill="currentColor" />}
    </svg>
  );
}
