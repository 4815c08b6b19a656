import type { Locator, Page } from 'playwright-core';

export type Look = 'wecom' | 'dingtalk';

/**
 * The console as a person uses it, for browser tests and the README screenshots: open it as a
 * persona on a platform, type, press card buttons, send a photo, and find what arrived.
 */
export class ConsolePage {
  constructor(
    readonly page: Page,
    readonly consoleUrl: string,
  ) {}

  /** Opens the console as `userId` on `look` and waits until the live feed is connected. */
  async open(look: Look, userId: string): Promise<void> {
    await this.page.goto(`${this.consoleUrl}?platform=${look}&as=${encodeURIComponent(userId)}`);
    await this.page.locator('.app[data-live="on"]').waitFor({ timeout: 20_000 });
  }

  /** Picks a persona from the list (opening the drawer first on a phone-sized screen). */
  async pick(userId: string): Promise<void> {
    const item = this.page.locator(`[data-persona="${userId}"]`);
    if (!(await item.isVisible())) await this.page.getByRole('button', { name: '切换身份' }).click();
    await item.click();
  }

  /** Sends a text and waits until it shows on the persona's side of the chat. */
  async say(text: string): Promise<void> {
    await this.page.getByLabel('输入消息').fill(text);
    await this.page.getByLabel('输入消息').press('Enter');
    await this.userRows().filter({ hasText: text }).last().waitFor();
  }

  /** The newest card whose text contains `text`. */
  card(text: string): Locator {
    return this.page.locator('.card').filter({ hasText: text }).last();
  }

  async press(card: Locator, label: string): Promise<void> {
    await card.getByRole('button', { name: label, exact: true }).click();
  }

  /**
   * Presses `label` on the newest still-open card that mentions `text`, and waits until that card
   * shows it was decided (its buttons replaced by the platform's card update).
   */
  async decide(text: string, label: string, timeout = 20_000): Promise<void> {
    const card = this.page
      .locator('.card[data-closed="false"]')
      .filter({ hasText: text })
      .filter({ has: this.page.getByRole('button', { name: label, exact: true }) })
      .last();
    await card.waitFor({ timeout });
    const id = await card.getAttribute('data-card-id');
    await this.press(card, label);
    await this.page.locator(`.card[data-card-id="${id}"][data-closed="true"]`).waitFor({ timeout });
  }

  /** Picks a file in the composer's photo/file button. */
  async sendFile(name: string, mimeType: string, buffer: Buffer): Promise<void> {
    await this.page.getByTestId('file-input').setInputFiles({ name, mimeType, buffer });
  }

  botRows(): Locator {
    return this.page.locator('.row-bot');
  }

  userRows(): Locator {
    return this.page.locator('.row-user');
  }
}
