import labelled from './data/labelled-messages.json' with { type: 'json' };
import { PRIORITY, RULES } from './intent-rules.js';
import { INTENTS, type Intent } from './intents.js';
import { type Example, NaiveBayes } from './naive-bayes.js';
import { fixTypos } from './typos.js';

export interface Classification {
  readonly intent: Intent;
  /** 0..1: the combined model's probability of the winner. */
  readonly confidence: number;
  readonly ruleScores: Readonly<Partial<Record<Intent, number>>>;
}

/** A rule total this high, this far ahead, decides on its own. */
const RULE_DECIDES = 6;
const RULE_MARGIN = 3;
/** Weight of one rule point against the log-probability of the statistical model. */
const RULE_WEIGHT = 0.7;
/** With no rule firing, the statistical model must be at least this sure. */
const MIN_NB = 0.4;

const ruleScores = (text: string): Partial<Record<Intent, number>> => {
  const scores: Partial<Record<Intent, number>> = {};
  for (const [intent, rules] of Object.entries(RULES) as [Intent, (typeof RULES)['repair']][]) {
    let s = 0;
    for (const [re, w] of rules) if (re.test(text)) s += w;
    if (s > 0) scores[intent] = s;
  }
  return scores;
};

const byRank = (a: [Intent, number], b: [Intent, number]) =>
  b[1] - a[1] || PRIORITY.indexOf(a[0]) - PRIORITY.indexOf(b[0]);

/**
 * Rules where they are sure (specific words, clear margin), a character n-gram Naive Bayes
 * trained on the labelled corpus where they are not; the two are combined as log-probability plus
 * weighted rule points.
 */
export class IntentClassifier {
  private readonly nb: NaiveBayes;

  constructor(examples: readonly Example[]) {
    this.nb = new NaiveBayes(examples.map((e) => ({ text: fixTypos(e.text), intent: e.intent })));
  }

  classify(normalized: string): Classification {
    const text = fixTypos(normalized);
    const scores = ruleScores(text);
    const ranked = (Object.entries(scores) as [Intent, number][]).sort(byRank);
    const [best, second] = ranked;
    if (best && best[1] >= RULE_DECIDES && best[1] - (second?.[1] ?? 0) >= RULE_MARGIN) {
      return {
        intent: best[0],
        confidence: Math.round(Math.min(0.99, 0.8 + best[1] / 100) * 100) / 100,
        ruleScores: scores,
      };
    }
    const post = this.nb.predict(text);
    const combined = INTENTS.map((i): [Intent, number] => [
      i,
      Math.log(post.get(i) ?? 1e-9) + RULE_WEIGHT * (scores[i] ?? 0),
    ]);
    combined.sort(byRank);
    const top = combined[0] ?? ['unknown', 0];
    const max = top[1];
    const z = combined.reduce((s, [, v]) => s + Math.exp(v - max), 0);
    const p = 1 / z;
    if (!best && (post.get(top[0]) ?? 0) < MIN_NB)
      return { intent: 'unknown', confidence: Math.round((1 - p) * 100) / 100, ruleScores: scores };
    return { intent: top[0], confidence: Math.round(p * 100) / 100, ruleScores: scores };
  }
}

/** The labelled corpus shipped with the product (tests/fixtures/nlu-corpus.json links to it). */
export const LABELLED: readonly (Example & { unit: string | null; role: string })[] = labelled as (Example & {
  unit: string | null;
  role: string;
})[];

let shared: IntentClassifier | undefined;
/** The classifier trained on the shipped corpus (built once, on first use). */
export const defaultClassifier = (): IntentClassifier => {
  shared ??= new IntentClassifier(LABELLED);
  return shared;
};
