import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { initPlayground } from './store/actions';
import { installTestHook } from './store/testHook';
import { installKeyboard } from './keyboard';
import { afterInit, beforeInit } from './share/boot';
import { EmbedApp } from './embed/EmbedApp';
import { installSweepRunner } from './sweep/actions';
import { warmWorkerWhenIdle } from './sim/runner';
import './styles.css';

installTestHook();
installKeyboard();
const { embed, routed } = beforeInit();
const reduced = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
initPlayground({ autoplay: !reduced && !routed && !embed });
afterInit(embed);
if (!embed) installSweepRunner();
if (!embed) warmWorkerWhenIdle();

createRoot(document.getElementById('root')!).render(<StrictMode>{embed ? <EmbedApp /> : <App />}</StrictMode>);
