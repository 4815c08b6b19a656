import {
  renderDingTalkCard,
  renderDingTalkClosed,
  renderDingTalkMarkdown,
  renderDingTalkText,
} from '../../cards/render/dingtalk.render.js';
import type { Clock } from '../lib/clock.js';
import { AppError, AppErrorCode, isAppError } from '../lib/errors.js';
import type { IdSealer } from '../lib/id-sealer.js';
import type { Logger } from '../lib/logger.js';
import { mediaPath } from '../media/media-url.js';
import { isImage } from '../media/sniff.js';
import type { AttachmentRepository } from '../persistence/repositories/attachment.repository.js';
import type { CardRepository } from '../persistence/repositories/card.repository.js';
import type { OutboxItem } from '../persistence/repositories/outbox.repository.js';
import {
  type DingTalkClient,
  type RobotMessage,
  SessionExpiredError,
} from '../platforms/dingtalk/dingtalk.client.js';
import type { PlatformSender } from './platform-sender.js';
import { unsealText } from './unseal.js';

/** A session webhook this close to its expiry is not trusted any more. */
const SESSION_MARGIN_MS = 10_000;

/** Renders neutral messages for DingTalk and sends them by the best channel still valid. */
export class DingTalkSender implements PlatformSender {
  constructor(
    private readonly client: DingTalkClient,
    private readonly cards: CardRepository,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly callbackType: 'STREAM' | 'HTTP',
    private readonly media?: {
      readonly attachments: Pick<AttachmentRepository, 'get'>;
      readonly publicBaseUrl: string | undefined;
      readonly secret: string;
    },
    private readonly sealer?: IdSealer,
  ) {}

  async send(item: OutboxItem): Promise<Record<string, unknown>> {
    const m = item.message;
    switch (m.type) {
      case 'text':
        return this.sendMessage(item, renderDingTalkText(m.text));
      case 'sealed_text':
        return this.sendMessage(item, renderDingTalkText(unsealText(m, this.sealer)));
      case 'markdown':
        return this.sendMessage(item, renderDingTalkMarkdown(m.title, m.text));
      case 'attachment':
        return this.sendAttachment(item, m.attachmentId);
      case 'image':
        // Robot image messages need a public picture URL; digests carry their figures as text too.
        return this.sendMessage(item, renderDingTalkText('（图片消息请在企业微信或电脑端查看）'));
      case 'card': {
        const userId = this.userOf(item);
        await this.cards.register(m.card.cardId, 'dingtalk', m.subject, userId);
        try {
          await this.client.createAndDeliverCard({
            outTrackId: m.card.cardId,
            userId,
            cardParamMap: renderDingTalkCard(m.card),
            callbackType: this.callbackType,
          });
        } catch (e) {
          // An outTrackId that already exists was delivered by an earlier attempt.
          if (isAppError(e) && /duplicate|already/i.test(e.message))
            return { cardId: m.card.cardId, alreadySent: true };
          throw e;
        }
        return { cardId: m.card.cardId };
      }
      case 'card_update': {
        try {
          await this.client.updateCard(m.cardId, renderDingTalkClosed(m.replaceName ?? '已处理'));
          await this.cards.close(m.cardId);
          return { updated: m.cardId };
        } catch (e) {
          if (!(isAppError(e) && e.code === AppErrorCode.PLATFORM_REJECTED)) throw e;
          this.logger.info({ cardId: m.cardId }, 'card cannot be updated; sending a fresh message');
          await this.cards.close(m.cardId);
          return this.sendMessage(
            item,
            renderDingTalkText(m.fallbackText ?? `卡片状态已更新：${m.replaceName ?? '已处理'}`),
          );
        }
      }
    }
  }

  /**
   * A stored photo as a robot image message: DingTalk fetches the picture from a signed, expiring
   * link to this bot. Other files, or no public address configured, go as a text with the link.
   */
  private async sendAttachment(item: OutboxItem, attachmentId: string): Promise<Record<string, unknown>> {
    const meta = await this.media?.attachments.get(attachmentId);
    if (!meta) throw new AppError(AppErrorCode.VALIDATION_FAILED, `attachment ${attachmentId} is gone`);
    const base = this.media?.publicBaseUrl;
    if (!base)
      return this.sendMessage(
        item,
        renderDingTalkText(`（${isImage(meta.mime) ? '照片' : '文件'}：请在企业微信或管理后台查看）`),
      );
    const url = `${base}${mediaPath(this.media?.secret ?? '', meta.id, this.clock.now())}`;
    return this.sendMessage(
      item,
      isImage(meta.mime)
        ? { msgKey: 'sampleImageMsg', msgParam: { photoURL: url } }
        : renderDingTalkText(`文件：${meta.filename}\n${url}`),
    );
  }

  private userOf(item: OutboxItem): string {
    const u = item.recipient.userId;
    if (!u) throw new AppError(AppErrorCode.VALIDATION_FAILED, 'DingTalk cards need a recipient user id');
    return u;
  }

  /**
   * The reply channel: the message's session webhook while it is valid (PROTOCOLS.md pitfall 10),
   * then the group send for group conversations, then the one-to-one batch send.
   */
  private async sendMessage(item: OutboxItem, m: RobotMessage): Promise<Record<string, unknown>> {
    const session = item.recipient.session;
    if (session && new Date(session.expiresAt).getTime() - this.clock.now().getTime() > SESSION_MARGIN_MS) {
      try {
        await this.client.sendBySession(session.webhook, m);
        return { via: 'session' };
      } catch (e) {
        if (!(e instanceof SessionExpiredError)) throw e;
        this.logger.info({ outboxId: item.id }, 'session webhook expired; falling back to the send API');
      }
    }
    if (item.recipient.conversationId) {
      return { via: 'group', processQueryKey: await this.client.groupSend(item.recipient.conversationId, m) };
    }
    const userId = this.userOf(item);
    const r = await this.client.batchSend([userId], m);
    if (r.flowControlledStaffIdList.includes(userId)) {
      throw new AppError(AppErrorCode.PLATFORM_RETRYABLE, 'recipient is flow-controlled; retrying later', {
        reason: 'dingtalk_flow_control',
      });
    }
    if (r.invalidStaffIdList.includes(userId)) {
      throw new AppError(AppErrorCode.PLATFORM_REJECTED, `invalid staff id ${userId}`, {
        reason: 'dingtalk_invalid_staff',
      });
    }
    return { via: 'batchSend', processQueryKey: r.processQueryKey };
  }
}
