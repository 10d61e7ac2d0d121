// Lessons share the page's Markdown-lite (app/ui/rich.tsx).
export { rich } from '../ui/rich';
