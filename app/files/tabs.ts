import { getState } from '../store';
import { markSavedElsewhere, SCENARIO_KEY, savePrevious, saveScenario } from '../store/persistence';
import { dismissNotice, notify } from '../store/notices';
import { worthKeeping } from '../store/replace';

/**
 * Two tabs of the playground share one autosave. When another tab saves its scenario over
 * this one's, this tab's text would be gone after a reload: it is written as the previous
 * scenario (File ▸ Restore previous offers it after a reload), the save status says so, and a
 * notice tells it once. Typing here, or clicking the status, saves this tab's text again.
 */
export function watchOtherTabs(): void {
  window.addEventListener('storage', (e) => {
    if (e.key === SCENARIO_KEY && e.newValue !== null) otherTabSaved(e.newValue);
  });
}

/** The notice that told it, while it may still be on screen. */
let told: number | undefined;

/** Saves this tab's text again (the save status's button), and the notice has nothing more to say. */
export function saveHereAgain(): void {
  saveScenario(getState().editor.text, true);
  if (told !== undefined) dismissNotice(told);
}

/** Another tab wrote `text` as the autosaved scenario. */
function otherTabSaved(text: string): void {
  const mine = getState().editor.text;
  // Said once: the other tab goes on typing, and each of its saves lands here.
  if (text === mine || getState().work.save.status === 'elsewhere') return;
  if (worthKeeping(mine, text)) savePrevious(mine);
  markSavedElsewhere();
  told = notify({
    kind: 'info',
    text: 'Another tab saved its scenario over this one.',
    detail: 'This tab’s text stays here and is kept as the previous scenario. Type here, or click “saved in another tab”, to save it again.',
  });
}
