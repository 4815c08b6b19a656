import { formatFees, quoteFees } from '../../src/domain/fees/fees.rules.js';
import type { PersonView } from '../../src/domain/people/people.types.js';
import type { NluResult } from '../../src/nlu/parse.js';
import type { HandlerContext } from '../context.js';
import type { ConversationDeps } from './deps.js';

/** Move-in fee quote from the rulebook formulas; the tenant's own shop fills in what was not said. */
export const replyFees = async (
  deps: ConversationDeps,
  ctx: HandlerContext,
  actor: PersonView,
  nlu: NluResult,
): Promise<void> => {
  const ownCode =
    nlu.slots.unit && actor.shopCodes.includes(nlu.slots.unit) ? nlu.slots.unit : actor.shopCodes[0];
  const shop = ownCode ? await deps.shops.get(ownCode) : null;
  const area = nlu.slots.area?.m2 ?? shop?.areaM2;
  if (!area) {
    ctx.replyText('请告诉我铺位面积，例如“56平方要交多少按金”。');
    return;
  }
  const occupancy = /业主/.test(nlu.text)
    ? 'owner'
    : /租户|租的/.test(nlu.text)
      ? 'renter'
      : shop
        ? shop.occupancy === 'vacant'
          ? 'unknown'
          : shop.occupancy
        : 'unknown';
  const lines = quoteFees({
    areaM2: area,
    occupancy,
    ...(shop && !nlu.slots.area ? { unitPrice: shop.mgmtUnitPrice } : {}),
    ...(shop?.purchasePrice ? { purchasePrice: shop.purchasePrice } : {}),
  });
  ctx.replyText(
    `按 ${area}㎡ 计算${occupancy === 'owner' ? '（业主）' : occupancy === 'renter' ? '（租户）' : ''}：\n${formatFees(lines)}\n以上为按规定公式试算，实际以前台开具的缴费通知为准。`,
  );
};
