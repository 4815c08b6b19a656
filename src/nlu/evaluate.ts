import { IntentClassifier } from './classify.js';
import { INTENTS, type Intent } from './intents.js';
import { type ParseContext, parseMessage } from './parse.js';

export interface LabelledMessage {
  readonly text: string;
  readonly intent: Intent;
  readonly unit: string | null;
}

export interface IntentStats {
  readonly intent: Intent;
  readonly support: number;
  readonly precision: number;
  readonly recall: number;
}

export interface Evaluation {
  readonly total: number;
  readonly accuracy: number;
  /** Unit slot right (including "no unit" when none is labelled), over every message. */
  readonly unitAccuracy: number;
  /** Unit slot right over the messages that name a unit. */
  readonly unitRecall: number;
  readonly perIntent: readonly IntentStats[];
  readonly errors: readonly { text: string; expected: string; got: string }[];
}

/** Runs the parser over a labelled corpus: per-intent precision and recall, overall accuracy. */
export const evaluate = (corpus: readonly LabelledMessage[], ctx: ParseContext): Evaluation => {
  const tp = new Map<Intent, number>();
  const predicted = new Map<Intent, number>();
  const actual = new Map<Intent, number>();
  const errors: { text: string; expected: string; got: string }[] = [];
  let correct = 0;
  let unitRight = 0;
  let unitLabelled = 0;
  let unitLabelledRight = 0;
  for (const m of corpus) {
    const r = parseMessage(m.text, ctx);
    actual.set(m.intent, (actual.get(m.intent) ?? 0) + 1);
    predicted.set(r.intent, (predicted.get(r.intent) ?? 0) + 1);
    if (r.intent === m.intent) {
      correct++;
      tp.set(m.intent, (tp.get(m.intent) ?? 0) + 1);
    } else {
      errors.push({ text: m.text, expected: m.intent, got: r.intent });
    }
    const got = r.slots.unit && r.slots.unitVerified ? r.slots.unit : null;
    if (got === m.unit) unitRight++;
    else errors.push({ text: m.text, expected: `unit ${m.unit}`, got: `unit ${got}` });
    if (m.unit) {
      unitLabelled++;
      if (got === m.unit) unitLabelledRight++;
    }
  }
  const perIntent = INTENTS.filter((i) => actual.has(i)).map((intent) => ({
    intent,
    support: actual.get(intent) ?? 0,
    precision: (tp.get(intent) ?? 0) / Math.max(1, predicted.get(intent) ?? 0),
    recall: (tp.get(intent) ?? 0) / Math.max(1, actual.get(intent) ?? 0),
  }));
  return {
    total: corpus.length,
    accuracy: correct / corpus.length,
    unitAccuracy: unitRight / corpus.length,
    unitRecall: unitLabelledRight / Math.max(1, unitLabelled),
    perIntent,
    errors,
  };
};

/**
 * k-fold cross-validation of the statistical part: each fold is classified by a model trained on
 * the other folds only. (The rules were written with the whole corpus in view, so this still
 * flatters them; the held-out set is the honest figure.)
 */
export const crossValidate = (
  corpus: readonly LabelledMessage[],
  k: number,
  ctx: ParseContext,
): Evaluation => {
  const folds = Array.from({ length: k }, (_, f) => corpus.filter((_, i) => i % k === f));
  const results = folds.map((test, f) => {
    const train = folds.flatMap((fold, g) => (g === f ? [] : fold));
    return { n: test.length, r: evaluate(test, { ...ctx, classifier: new IntentClassifier(train) }) };
  });
  const total = corpus.length;
  const weighted = (pick: (e: Evaluation) => number) =>
    results.reduce((s, x) => s + pick(x.r) * x.n, 0) / total;
  return {
    total,
    accuracy: weighted((e) => e.accuracy),
    unitAccuracy: weighted((e) => e.unitAccuracy),
    unitRecall: weighted((e) => e.unitRecall),
    perIntent: [],
    errors: results.flatMap((x) => x.r.errors),
  };
};
