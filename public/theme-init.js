// Pick the theme before the first paint (no flash): saved choice, else the system's.
// A file, not an inline script, so the Content-Security-Policy needs no 'unsafe-inline' for scripts.
try {
  var t = localStorage.getItem('reuse-playground:theme');
  if (t !== 'light' && t !== 'dark') t = matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  document.documentElement.dataset.theme = t;
} catch (e) {}
