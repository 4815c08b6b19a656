import {
  renderWeComCard,
  renderWeComCardAsText,
  renderWeComMarkdown,
  renderWeComText,
} from '../../cards/render/wecom.render.js';
import { AppError, AppErrorCode, isAppError } from '../lib/errors.js';
import type { IdSealer } from '../lib/id-sealer.js';
import type { Logger } from '../lib/logger.js';
import { isImage } from '../media/sniff.js';
import type { OutboundMessage } from '../messages/outbound-message.js';
import type { AttachmentRepository } from '../persistence/repositories/attachment.repository.js';
import type { CardRepository } from '../persistence/repositories/card.repository.js';
import type { OutboxItem } from '../persistence/repositories/outbox.repository.js';
import { ResponseCodeInvalidError, type WeComClient } from '../platforms/wecom/wecom.client.js';
import { WECOM_ERRCODES } from '../platforms/wecom/wecom.errors.js';
import type { PlatformSender } from './platform-sender.js';
import { unsealText } from './unseal.js';

const errcodeOf = (e: unknown): number | undefined =>
  isAppError(e) && typeof e.details?.errcode === 'number' ? e.details.errcode : undefined;

/** Renders neutral messages as WeCom app messages and sends them. */
export class WeComSender implements PlatformSender {
  constructor(
    private readonly client: WeComClient,
    private readonly cards: CardRepository,
    private readonly logger: Logger,
    private readonly attachments?: Pick<AttachmentRepository, 'bytes'>,
    private readonly sealer?: IdSealer,
  ) {}

  async send(item: OutboxItem): Promise<Record<string, unknown>> {
    const to = item.recipient.userId;
    if (!to) throw new AppError(AppErrorCode.VALIDATION_FAILED, 'WeCom messages need a recipient user id');
    const m = item.message;
    switch (m.type) {
      case 'text':
        return { ...(await this.client.sendMessage({ touser: to, ...renderWeComText(m.text) })) };
      case 'sealed_text': {
        const r = await this.client.sendMessage({
          touser: to,
          ...renderWeComText(unsealText(m, this.sealer)),
        });
        return { msgid: r.msgid };
      }
      case 'markdown':
        return {
          ...(await this.client.sendMessage({
            touser: to,
            ...renderWeComMarkdown(`**${m.title}**\n${m.text}`),
          })),
        };
      case 'image': {
        const mediaId = await this.client.uploadMedia(
          'image',
          m.filename,
          Buffer.from(m.pngBase64, 'base64'),
          'image/png',
        );
        return {
          ...(await this.client.sendMessage({ touser: to, msgtype: 'image', image: { media_id: mediaId } })),
          mediaId,
        };
      }
      case 'attachment':
        return this.sendAttachment(to, m.attachmentId);
      case 'card':
        return this.sendCard(to, m);
      case 'card_update':
        return this.updateCard(to, m);
    }
  }

  /** A stored photo as an image message (any other file as a file message), uploaded at send time. */
  private async sendAttachment(to: string, attachmentId: string): Promise<Record<string, unknown>> {
    const file = await this.attachments?.bytes(attachmentId);
    if (!file) throw new AppError(AppErrorCode.VALIDATION_FAILED, `attachment ${attachmentId} is gone`);
    const kind = isImage(file.meta.mime) ? 'image' : 'file';
    const mediaId = await this.client.uploadMedia(
      kind,
      file.meta.filename || `file.${kind}`,
      file.bytes,
      file.meta.mime,
    );
    const r = await this.client.sendMessage({ touser: to, msgtype: kind, [kind]: { media_id: mediaId } });
    return { msgid: r.msgid, mediaId };
  }

  private async sendCard(
    to: string,
    m: Extract<OutboundMessage, { type: 'card' }>,
  ): Promise<Record<string, unknown>> {
    if (m.card.actions.length === 0) {
      return { ...(await this.client.sendMessage({ touser: to, ...renderWeComCardAsText(m.card) })) };
    }
    await this.cards.register(m.card.cardId, 'wecom', m.subject, to);
    try {
      const r = await this.client.sendMessage({
        touser: to,
        msgtype: 'template_card',
        template_card: renderWeComCard(m.card),
      });
      if (r.responseCode) await this.cards.setResponseCode(m.card.cardId, r.responseCode);
      return { msgid: r.msgid, cardId: m.card.cardId };
    } catch (e) {
      // 42014: this task_id was already sent (an earlier attempt got through but was not recorded).
      if (errcodeOf(e) === WECOM_ERRCODES.TASK_ID_EXISTS) return { cardId: m.card.cardId, alreadySent: true };
      throw e;
    }
  }

  /**
   * Updates one card instance with the click's response code, or else the one stored from the
   * send. When none is usable (60140: used or expired) the recipient gets a fresh message instead.
   */
  private async updateCard(
    to: string,
    m: Extract<OutboundMessage, { type: 'card_update' }>,
  ): Promise<Record<string, unknown>> {
    const code = m.responseCode ?? (await this.cards.takeResponseCode(m.cardId));
    if (code) {
      try {
        await this.client.updateTemplateCard({
          responseCode: code,
          atall: true,
          update: m.card
            ? { kind: 'card', templateCard: renderWeComCard({ ...m.card, cardId: m.cardId }) }
            : { kind: 'replace_name', replaceName: m.replaceName ?? '已处理' },
        });
        await this.cards.close(m.cardId);
        return { updated: m.cardId };
      } catch (e) {
        if (!(e instanceof ResponseCodeInvalidError)) throw e;
        this.logger.info({ cardId: m.cardId }, 'response_code unusable (60140); sending a fresh message');
      }
    }
    await this.cards.close(m.cardId);
    const text = m.fallbackText ?? `卡片状态已更新：${m.replaceName ?? '已处理'}`;
    const r = await this.client.sendMessage({ touser: to, ...renderWeComText(text) });
    return { fallback: true, msgid: r.msgid };
  }
}
