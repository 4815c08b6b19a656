/** Move-in fees (商户进场, 收铺): the rulebook's formulas. */
export const OWNER_UNIT_PRICE = 35;
export const RENTER_UNIT_PRICES = [30, 35] as const;
export const FLOAT_PER_M2 = 15;
export const DEPOSIT_MONTHS = 2;
export const MAINTENANCE_FUND_RATE = 0.02;

export interface FeeInput {
  readonly areaM2: number;
  readonly occupancy: 'owner' | 'renter' | 'unknown';
  /** The shop's own management-fee unit price when known (renters pay 30 or 35). */
  readonly unitPrice?: number;
  readonly purchasePrice?: number;
}

export interface FeeLine {
  readonly label: string;
  readonly formula: string;
  readonly amount?: number;
}

const yuan = (n: number) => `${Math.round(n * 100) / 100}元`;

/**
 * 管理费按金 = unit price × area × 2 months; 水电周转金 = 15 元/m² × area; 维修基金 (owners) = 2% of the
 * purchase price; 管理费 = arrears plus the current month (unit price × area per month).
 */
export const quoteFees = (f: FeeInput): FeeLine[] => {
  const prices =
    f.unitPrice !== undefined
      ? [f.unitPrice]
      : f.occupancy === 'owner'
        ? [OWNER_UNIT_PRICE]
        : f.occupancy === 'renter'
          ? [...RENTER_UNIT_PRICES]
          : [30, 35];
  const lines: FeeLine[] = prices.map((p) => ({
    label: `管理费按金${prices.length > 1 ? `（单价${p}元/㎡）` : ''}`,
    formula: `${p}元/㎡ × ${f.areaM2}㎡ × ${DEPOSIT_MONTHS}个月`,
    amount: p * f.areaM2 * DEPOSIT_MONTHS,
  }));
  lines.push({
    label: '水电周转金',
    formula: `${FLOAT_PER_M2}元/㎡ × ${f.areaM2}㎡`,
    amount: FLOAT_PER_M2 * f.areaM2,
  });
  if (f.occupancy !== 'renter') {
    lines.push(
      f.purchasePrice
        ? {
            label: '维修基金（业主）',
            formula: `购铺价 × 2%`,
            amount: f.purchasePrice * MAINTENANCE_FUND_RATE,
          }
        : { label: '维修基金（仅业主）', formula: '购铺价 × 2%' },
    );
  }
  lines.push(
    ...prices.map((p) => ({
      label: `管理费（每月${prices.length > 1 ? `，单价${p}元/㎡` : ''}）`,
      formula: `${p}元/㎡ × ${f.areaM2}㎡；进场时交清欠费及当月`,
      amount: p * f.areaM2,
    })),
  );
  return lines;
};

export const formatFees = (lines: readonly FeeLine[]): string =>
  lines
    .map((l) => `· ${l.label}：${l.formula}${l.amount !== undefined ? ` = ${yuan(l.amount)}` : ''}`)
    .join('\n');
