import type { StaffRole } from '../people/people.types.js';

/** The kinds of words an action can need, each read by its own parser in the conversation layer. */
export const INPUT_KINDS = ['text', 'datetime', 'date', 'money', 'percent', 'staff', 'choice'] as const;
export type InputKind = (typeof INPUT_KINDS)[number];

/** One thing an action needs said, asked in chat right after the button, one question at a time. */
export interface InputSpec {
  readonly key: string;
  readonly kind: InputKind;
  /** The question, in Chinese. */
  readonly question: string;
  /** A person may answer "无"/"跳过". */
  readonly optional?: boolean;
  /** `staff`: the role the named person must hold. */
  readonly role?: StaffRole;
  /** `percent`: the accepted range. */
  readonly min?: number;
  readonly max?: number;
  /** `choice`: the values, each with the words (or number) that pick it. */
  readonly options?: readonly {
    readonly value: string;
    readonly label: string;
    readonly words: readonly string[];
  }[];
}

/** How an action shows on a card and what it needs. */
export interface ActionSpec {
  /** Button text. */
  readonly label: string;
  readonly style: 'primary' | 'danger' | 'default';
  /** What the action records, in the past tense, for the card copies it closes ("已接单"). */
  readonly done: string;
  readonly inputs: readonly InputSpec[];
}

/** Values an action was given: text as written, or the parsed form (ISO time, number, person id). */
export type ActionInput = Readonly<Record<string, string>>;

/** The keys an action still lacks (required inputs not given). */
export const missingInputs = (spec: ActionSpec, input: ActionInput): InputSpec[] =>
  spec.inputs.filter((i) => !i.optional && !(input[i.key] ?? '').trim());
