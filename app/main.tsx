import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { initPlayground } from './store/actions';
import { installTestHook } from './store/testHook';
import { installKeyboard } from './keyboard';
import './styles.css';

installTestHook();
installKeyboard();
const reduced = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
initPlayground({ autoplay: !reduced });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
