import { useEffect, useState } from 'react';
import { rich } from './rich';
import { useStore } from '../store';
import { getState } from '../store';
import { openCompare } from '../compare/actions';
import { closeLesson, lessonStep, playFromStart, skipToEnd } from './actions';
import { measureOf, measureWords, parseGuess } from './answers';
import { findLesson, type LessonStep } from './lessons';
import { loadProgress, recordAnswer } from './progress';
import { RealAgreement } from '../agreement/RealAgreement';
import { setOutcomeHidden } from '../store/outcome';
import './lessons.css';

type Phase = { kind: 'ask' } | { kind: 'playing'; guess: number } | { kind: 'revealed'; guess: number; answer: number };

/** The lesson in the left pane (over the editor, which a tab brings back). */
export function LessonPanel() {
  const at = useStore((s) => s.work.lesson);
  const [tab, setTab] = useState<'lesson' | 'scenario'>('lesson');
  useEffect(() => setTab('lesson'), [at?.id, at?.step]);
  if (!at) return null;
  const lesson = findLesson(at.id);
  if (!lesson) return null;
  const step = lesson.steps[at.step];
  return (
    <div className={`lesson${tab === 'lesson' ? ' covering' : ''}`} data-testid="lesson">
      <div className="pane-title lesson-tabs">
        <button className={tab === 'lesson' ? 'on' : ''} onClick={() => setTab('lesson')} data-testid="lesson-tab">
          Lesson {at.step + 1}/{lesson.steps.length}
        </button>
        <button className={tab === 'scenario' ? 'on' : ''} onClick={() => setTab('scenario')} data-testid="lesson-scenario-tab">
          Scenario
        </button>
        <span className="spacer" />
        <button className="btn icon close" onClick={closeLesson} title="Leave the lesson (your progress is kept)" aria-label="Leave the lesson" data-testid="lesson-close">
          ×
        </button>
      </div>
      {tab === 'lesson' && (
        // Focusable: the text scrolls in a short pane, and the keyboard scrolls it too.
        <div className="lesson-body" tabIndex={0} role="region" aria-label="Lesson text">
          <div className="lesson-name">{rich(lesson.title)}</div>
          <h2 data-testid="lesson-step-title">{rich(step.title)}</h2>
          {step.text.map((p, i) => (
            <p key={i}>{rich(p)}</p>
          ))}
          {step.question && <Question key={`${at.id}/${at.step}`} lessonId={at.id} stepIndex={at.step} step={step} />}
          {!step.question && step.compare && <CompareOffer step={step} />}
          {/* Provenance after the question: what to do comes first. */}
          {step.scenario && <RealAgreement example={step.scenario.example} reuse={step.scenario.reuse} />}
        </div>
      )}
      {/* Outside the scrolling text: Back, Next and the steps stay on screen in a short pane. */}
      {tab === 'lesson' && (
        <nav className="lesson-nav" aria-label="Lesson steps">
          <button className="btn" onClick={() => lessonStep(-1)} disabled={at.step === 0} data-testid="lesson-prev">
            ‹ Back
          </button>
          <span className="dots" role="img" aria-label={`Step ${at.step + 1} of ${lesson.steps.length}`}>
            {lesson.steps.map((_, i) => (
              <span key={i} className={i === at.step ? 'dot on' : i < at.step ? 'dot done' : 'dot'} />
            ))}
          </span>
          {at.step < lesson.steps.length - 1 ? (
            <button className="btn primary" onClick={() => lessonStep(1)} data-testid="lesson-next">
              Next ›
            </button>
          ) : (
            <button className="btn primary" onClick={closeLesson} data-testid="lesson-finish">
              Finish
            </button>
          )}
        </nav>
      )}
    </div>
  );
}

function CompareOffer({ step }: { step: LessonStep }) {
  return (
    <button className="btn compare-offer" onClick={() => openCompare(step.compare)} data-testid="lesson-compare">
      See both engines side by side
    </button>
  );
}

function Question({ lessonId, stepIndex, step }: { lessonId: string; stepIndex: number; step: LessonStep }) {
  const q = step.question!;
  const saved = loadProgress()[lessonId]?.answers[String(stepIndex)];
  const [phase, setPhase] = useState<Phase>(saved ? { kind: 'revealed', ...saved } : { kind: 'ask' });
  const [input, setInput] = useState('');
  const guess = parseGuess(input);
  const index = useStore((s) => s.view.index);
  const playing = useStore((s) => s.view.playing);
  const n = useStore((s) => s.sim.result?.trace.length ?? 0);

  // Until the answer is revealed, the page keeps the run's outcome hidden (app/store/outcome.ts).
  useEffect(() => {
    setOutcomeHidden(phase.kind !== 'revealed');
    return () => setOutcomeHidden(false);
  }, [phase.kind]);

  // The answer is read from the run the learner just watched, once the playhead reaches its end.
  useEffect(() => {
    if (phase.kind !== 'playing' || playing || n === 0 || index < n - 1) return;
    const r = getState().sim.result;
    if (!r) return;
    const answer = measureOf(r, q.measure);
    recordAnswer(lessonId, stepIndex, { guess: phase.guess, answer });
    setPhase({ kind: 'revealed', guess: phase.guess, answer });
  }, [phase, playing, index, n, q.measure, lessonId, stepIndex]);

  return (
    <div className="question" data-testid="lesson-question">
      <p className="prompt">{rich(q.prompt)}</p>
      {phase.kind === 'ask' && (
        <form
          className="predict"
          onSubmit={(e) => {
            e.preventDefault();
            if (guess === null) return;
            setPhase({ kind: 'playing', guess });
            playFromStart();
          }}
        >
          <label>
            Your prediction{' '}
            <input
              className="control"
              inputMode="numeric"
              value={input}
              onChange={(e) => setInput(e.target.value)}
              aria-label="Your prediction"
              data-testid="lesson-guess"
              autoComplete="off"
              size={4}
            />
          </label>
          <button className="btn primary" type="submit" disabled={guess === null} data-testid="lesson-check">
            Play and check
          </button>
        </form>
      )}
      {phase.kind === 'playing' && (
        <div className="watching">
          You said <b>{phase.guess}</b>. Watch the run…{' '}
          <button className="btn" onClick={skipToEnd} data-testid="lesson-skip">
            Skip to the end
          </button>
        </div>
      )}
      {phase.kind === 'revealed' && (
        <div className={`reveal ${phase.guess === phase.answer ? 'right' : 'wrong'}`} data-testid="lesson-reveal" data-answer={phase.answer}>
          <p>
            <b data-testid="lesson-answer">{measureWords(q.measure, phase.answer)}</b> in this run.{' '}
            {phase.guess === phase.answer ? (
              <>You said {phase.guess}: right.</>
            ) : (
              <>You said {phase.guess}.</>
            )}
          </p>
          {step.after?.map((p, i) => (
            <p key={i}>{rich(p)}</p>
          ))}
          <div className="reveal-actions">
            <button className="btn" onClick={() => { setInput(''); setPhase({ kind: 'ask' }); }} data-testid="lesson-retry">
              Try again
            </button>
            {step.compare && <CompareOffer step={step} />}
          </div>
        </div>
      )}
    </div>
  );
}
