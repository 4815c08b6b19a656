import type { Card } from '../../cards/card.types.js';
import { type InspectionKind, inspectionCardId } from '../../cards/inspection-key.js';
import type { PersonView } from '../domain/people/people.types.js';
import type { NoticeKit } from './kit.js';

/** A card presenter for an inspection matter and one recipient. */
export type InspectionPresent<V> = (v: V, cardId: string, person: PersonView) => Card | undefined;

/**
 * The notice kit's card moves for inspection matters (patrols, violations, cleaning), whose kinds
 * and keys are their own: per-person cards, and closing every copy of a passed stage.
 */
export const inspectionCard = async <V extends { id: string; stage: number }>(
  k: NoticeKit,
  kind: InspectionKind,
  v: V,
  person: PersonView,
  present: InspectionPresent<V>,
  suffix = '',
): Promise<number> =>
  k.batch.toPerson(person.id, ({ platform }) => {
    const card = present(v, inspectionCardId(kind, v.id, v.stage, platform, person.id, suffix), person);
    return card ? { type: 'card', subject: { kind, id: v.id, stage: v.stage }, card } : undefined;
  });

/** Every copy of the matter's cards from before `stage` shows `label` instead of its buttons. */
export const closeInspectionCards = async (
  k: NoticeKit,
  kind: InspectionKind,
  id: string,
  stage: number,
  label: string,
  fallback: string,
): Promise<void> => {
  for (const c of await k.d.cards.openBefore(kind, id, stage)) {
    for (const user of c.recipients) {
      k.batch.to(
        { platform: c.platform, userId: user },
        { type: 'card_update', cardId: c.cardId, replaceName: label, fallbackText: fallback },
      );
    }
  }
};
