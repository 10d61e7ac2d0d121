/**
 * Monaco, bundled and offline (playground-notes §4a): the slim `monaco-editor/editor`
 * entry, only the features we use, the 0.57 suggest-controller import the registry
 * misses, and one editor worker. `loader.config({ monaco })` stops @monaco-editor/react
 * from fetching Monaco from a CDN. This module is only imported by the lazy editor chunk.
 */
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/suggest/register';
import 'monaco-editor/editor/contrib/suggest/browser/suggestController'; // 0.57 registry gap
import 'monaco-editor/features/codeAction/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/gotoError/register';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/comment/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/placeholderText/register';
import 'monaco-editor/features/linesOperations/register';
import 'monaco-editor/features/multicursor/register';
import 'monaco-editor/features/cursorUndo/register';
import 'monaco-editor/features/wordOperations/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import { loader } from '@monaco-editor/react';
import { registerScenarioLanguage } from './scenarioLanguage';

self.MonacoEnvironment = { getWorker: () => new EditorWorker() };

registerScenarioLanguage(monaco);
loader.config({ monaco });

export { monaco };
