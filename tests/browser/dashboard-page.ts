import type { Locator, Page } from 'playwright-core';

/** The operations dashboard as a manager uses it, for browser tests and the README screenshots. */
export class DashboardPage {
  constructor(readonly page: Page) {}

  /** Opens a one-time login link from chat and waits for the signed-in dashboard. */
  async login(link: string): Promise<void> {
    await this.page.goto(link);
    await this.page.getByTestId('dashboard').waitFor({ timeout: 20_000 });
  }

  async tab(label: '投诉' | '工单' | '审批' | '本周' | '回访' | '巡查'): Promise<void> {
    await this.page.getByRole('tab', { name: label, exact: true }).click();
  }

  /** A ticket row in the current list. */
  row(number: string): Locator {
    return this.page.locator(`.item[data-number="${number}"]`);
  }

  /** Looks a ticket up by number and waits for its timeline. */
  async open(number: string): Promise<Locator> {
    await this.page.getByLabel('单号').fill(number);
    await this.page.getByRole('button', { name: '查看', exact: true }).click();
    const t = this.page.locator(`[data-testid="ticket"][data-number="${number}"]`);
    await t.waitFor({ timeout: 20_000 });
    return t;
  }

  async refresh(): Promise<void> {
    await this.page.getByRole('button', { name: '刷新', exact: true }).click();
  }
}

/** The one-time dashboard link in a chat line. */
export const linkIn = (text: string): string | undefined =>
  /https?:\/\/\S+\/dashboard\/login\?t=[A-Za-z0-9_-]{43}/.exec(text)?.[0];
