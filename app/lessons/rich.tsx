// Lessons share the page's Markdown-lite (app/views/common/rich.tsx).
export { rich } from '../ui/rich';
