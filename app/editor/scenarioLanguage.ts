import type * as Monaco from 'monaco-editor/editor';
import { commitLabel, DECISIONS, explainForEvent, hoverText, KEYWORD_DOCS, keywordInfo, sourceForEvent } from '../../core';
import type { DecisionId, Diagnostic } from '../../core';
import { suggestAt, wordContextAt, type SuggestionKind, type WordContext } from './completion';
import { diagnosticForMarker } from './markers';
import { engineChoiceInText } from '../model/engineText';
import { KEYWORDS, METHODS, SECTIONS, VALUE_WORDS } from './vocabulary';

export const LANGUAGE_ID = 'reuse-scenario';

/** The diagnostics behind the current markers, for quick fixes. Set by the editor. */
let currentDiagnostics: readonly Diagnostic[] = [];
export function setLanguageDiagnostics(d: readonly Diagnostic[]): void {
  currentDiagnostics = d;
}

/**
 * Markdown documentation of a word from core's keyword table: the entry for its context
 * (`source` differs in a backend and on a server line), else any entry of that name
 * (modelled first), else the keyword that documents it as a value (`safe` → `http-reuse`).
 */
export function keywordDoc(word: string, ctx?: { context: WordContext; documentedBy?: string } | null): string | null {
  const exact = ctx ? keywordInfo(ctx.context, word) : undefined;
  const any = KEYWORD_DOCS.filter((k) => k.name === word).sort((a, b) => Number(b.modelled) - Number(a.modelled))[0];
  const k = exact ?? any;
  if (k) return hoverText(k);
  if (ctx?.documentedBy) {
    const owner = keywordInfo(ctx.context, ctx.documentedBy);
    if (owner && (!owner.values || owner.values.includes(word))) return hoverText(owner);
  }
  return null;
}

/** The release each choice of the engine line follows (what a run of it reports as its commit). */
const CHOICE_RELEASE: Readonly<Record<string, [engine: string, commit: string | undefined]>> = {
  'modern 2.8': ['modern', 'v2.8.0'],
  'modern 3.0': ['modern', 'v3.0.0'],
  'modern 3.2': ['modern', 'v3.2.0'],
  'modern 3.4': ['modern', 'v3.4.0'],
};

/**
 * Markdown of a decision id, as the scenario's engine (`text`'s engine line, seed when none) does
 * it: a shared rule (A0, T1, …) is explained and cited at that engine's commit or release.
 */
export function decisionDoc(id: string, text = ''): string | null {
  const info = (DECISIONS as Record<string, (typeof DECISIONS)[DecisionId] | undefined>)[id];
  if (!info) return null;
  const choice = engineChoiceInText(text) ?? 'seed';
  const [engine, commit] = CHOICE_RELEASE[choice] ?? [choice, undefined];
  const src = sourceForEvent(id as DecisionId, engine, commit);
  const link = src?.url ? `\n\n[${src.file}:${src.line} @ ${commitLabel(src.commit)}](${src.url})` : '';
  const note = src?.note ? `\n\n${src.note}` : '';
  return `**${id} — ${info.name}**\n\n${explainForEvent(id as DecisionId, engine) ?? info.explain}${link}${note}`;
}

const KIND_MAP: Record<SuggestionKind, keyof typeof Monaco.languages.CompletionItemKind> = {
  section: 'Module',
  keyword: 'Keyword',
  value: 'EnumMember',
  server: 'Class',
  client: 'Variable',
  duration: 'Unit',
  method: 'Function',
  number: 'Value',
};

/** Register the language once: tokens, brackets/comments, completion, hover, quick fixes. */
export function registerScenarioLanguage(monaco: typeof Monaco): void {
  if (monaco.languages.getLanguages().some((l) => l.id === LANGUAGE_ID)) return;
  monaco.languages.register({ id: LANGUAGE_ID, extensions: ['.scenario'], aliases: ['Reuse scenario'] });

  monaco.languages.setLanguageConfiguration(LANGUAGE_ID, {
    comments: { lineComment: '#' },
    brackets: [
      ['{', '}'],
      ['[', ']'],
    ],
    autoClosingPairs: [
      { open: '{', close: '}' },
      { open: '[', close: ']' },
    ],
    wordPattern: /(-?\d+(?:\.\d+)?(?:us|ms|s|m)?)|([A-Za-z_][\w.\-]*(?:\[[^\]\s]*\])?)|(->)/,
  });

  monaco.languages.setMonarchTokensProvider(LANGUAGE_ID, {
    defaultToken: '',
    sections: [...SECTIONS],
    keywords: [...KEYWORDS],
    values: [...VALUE_WORDS],
    methods: [...METHODS],
    tokenizer: {
      root: [
        [/#.*$/, 'comment'],
        [/^\s*(engine)(\s+)(\w+)/, ['keyword.engine', 'white', 'type']],
        [/^\s*(global|defaults|servers|script)\b/, 'keyword.section'],
        [/^(\s*)(backend|listen|frontend)(\s+)([\w.-]+)/, ['white', 'keyword.section', 'white', 'type.name']],
        [/->/, 'operator'],
        [/&/, 'operator'],
        [/[{}]/, 'delimiter.bracket'],
        [/\b\d+(?:\.\d+)?(?:us|ms|s|m|h)\b/, 'number.duration'],
        [/\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b/, 'string.address'],
        [/\b\d+\b/, 'number'],
        [/\/[^\s#]*/, 'string.path'],
        [/[A-Za-z_][\w-]*\[(?:\*|\d+\.\.\d+)\]/, 'variable.group'],
        [
          /[A-Za-z_][\w.\-()]*/,
          {
            cases: {
              '@methods': 'keyword.method',
              '@keywords': 'keyword',
              '@values': 'constant',
              '@default': 'identifier',
            },
          },
        ],
      ],
    },
  } as Monaco.languages.IMonarchLanguage);

  monaco.languages.registerCompletionItemProvider(LANGUAGE_ID, {
    triggerCharacters: [' ', '>'],
    provideCompletionItems(model, position) {
      const word = model.getWordUntilPosition(position);
      const range = new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn);
      const text = model.getValue();
      const list = suggestAt(text, position.lineNumber, position.column);
      const ctx = wordContextAt(text, position.lineNumber, word.startColumn);
      return {
        suggestions: list.map((s, i) => {
          const doc = s.kind === 'keyword' || s.kind === 'value' || s.kind === 'section' ? keywordDoc(s.label, ctx) : null;
          return {
            label: s.label,
            kind: monaco.languages.CompletionItemKind[KIND_MAP[s.kind]],
            detail: s.kind,
            documentation: doc ? { value: doc } : undefined,
            insertText: s.label,
            range,
            sortText: String(i).padStart(3, '0'),
          };
        }),
      };
    },
  });

  monaco.languages.registerHoverProvider(LANGUAGE_ID, {
    provideHover(model, position) {
      const line = model.getLineContent(position.lineNumber);
      // Words of this language contain '-' and '_' (http-reuse, default_backend).
      let a = position.column - 1;
      let b = a;
      const isWord = (ch: string | undefined) => ch !== undefined && /[\w\-]/.test(ch);
      while (a > 0 && isWord(line[a - 1])) a--;
      while (isWord(line[b])) b++;
      const word = line.slice(a, b);
      if (!word) return null;
      const inComment = line.slice(0, a).includes('#');
      const ctx = inComment ? null : wordContextAt(model.getValue(), position.lineNumber, a + 1);
      const doc = decisionDoc(word, model.getValue()) ?? (inComment || !ctx ? null : keywordDoc(word, ctx));
      if (!doc) return null;
      return {
        range: new monaco.Range(position.lineNumber, a + 1, position.lineNumber, b + 1),
        contents: [{ value: doc, isTrusted: false }],
      };
    },
  });

  monaco.languages.registerCodeActionProvider(LANGUAGE_ID, {
    provideCodeActions(model, _range, context) {
      const actions: Monaco.languages.CodeAction[] = [];
      for (const m of context.markers) {
        const d = diagnosticForMarker(currentDiagnostics, m);
        if (!d?.suggestion) continue;
        actions.push({
          title: `Replace with '${d.suggestion}'`,
          kind: 'quickfix',
          diagnostics: [m],
          isPreferred: true,
          edit: {
            edits: [
              {
                resource: model.uri,
                versionId: model.getVersionId(),
                textEdit: {
                  range: {
                    startLineNumber: m.startLineNumber,
                    startColumn: m.startColumn,
                    endLineNumber: m.endLineNumber,
                    endColumn: m.endColumn,
                  },
                  text: d.suggestion,
                },
              },
            ],
          },
        });
      }
      return { actions, dispose() {} };
    },
  });

  defineThemes(monaco);
}

function defineThemes(monaco: typeof Monaco): void {
  monaco.editor.defineTheme('reuse-dark', {
    base: 'vs-dark',
    inherit: true,
    rules: [
      { token: 'comment', foreground: '7d8899', fontStyle: 'italic' },
      { token: 'keyword', foreground: '8fb8ff' },
      { token: 'keyword.section', foreground: 'd2a8ff', fontStyle: 'bold' },
      { token: 'keyword.engine', foreground: 'd2a8ff', fontStyle: 'bold' },
      { token: 'keyword.method', foreground: 'ffa657' },
      { token: 'type', foreground: '7ee2b8' },
      { token: 'type.name', foreground: '7ee2b8' },
      { token: 'constant', foreground: '7ee2b8' },
      { token: 'number', foreground: 'f2cc60' },
      { token: 'number.duration', foreground: 'f2cc60' },
      { token: 'string.path', foreground: 'a5d6ff' },
      { token: 'string.address', foreground: '9aa5b5' },
      { token: 'variable.group', foreground: 'ffb3d9' },
      { token: 'operator', foreground: 'ff9bce' },
      { token: 'identifier', foreground: 'dbe2ea' },
    ],
    colors: {
      'editor.background': '#151a21',
      'editor.lineHighlightBackground': '#1c232d',
      'editorLineNumber.foreground': '#4f5968',
      'editorLineNumber.activeForeground': '#97a3b4',
      'editorGutter.background': '#151a21',
      'editorWidget.background': '#1a2029',
    },
  });
  monaco.editor.defineTheme('reuse-light', {
    base: 'vs',
    inherit: true,
    rules: [
      { token: 'comment', foreground: '6b7480', fontStyle: 'italic' },
      { token: 'keyword', foreground: '1f5fbf' },
      { token: 'keyword.section', foreground: '7a3fc4', fontStyle: 'bold' },
      { token: 'keyword.engine', foreground: '7a3fc4', fontStyle: 'bold' },
      { token: 'keyword.method', foreground: 'b35900' },
      { token: 'type', foreground: '0f7a55' },
      { token: 'type.name', foreground: '0f7a55' },
      { token: 'constant', foreground: '0f7a55' },
      { token: 'number', foreground: '955f00' },
      { token: 'number.duration', foreground: '955f00' },
      { token: 'string.path', foreground: '0a58a8' },
      { token: 'string.address', foreground: '6b7480' },
      { token: 'variable.group', foreground: 'b3338a' },
      { token: 'operator', foreground: 'b3338a' },
    ],
    colors: {
      'editor.background': '#ffffff',
      'editor.lineHighlightBackground': '#f4f6f9',
      'editorLineNumber.foreground': '#a4acb7',
      'editorLineNumber.activeForeground': '#4b5563',
    },
  });
}
