import type { CardModel } from '../model/card-model.js';

export interface CardProps {
  readonly card: CardModel;
  /** The key being sent (its button shows it is busy; all buttons wait). */
  readonly pending: string | undefined;
  readonly onPress: (key: string) => void;
}
