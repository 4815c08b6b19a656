import type { TicketDesk } from '../src/desk/ticket-desk.js';
import type { TicketQueries } from '../src/desk/ticket-queries.js';
import type { MediaService } from '../src/media/media.service.js';
import type { AttachmentInbox } from '../src/state/attachment-inbox.store.js';
import type { DialogStore } from '../src/state/dialog.store.js';
import type { Handler, HandlerContext } from './context.js';
import { FILING_LABELS, nextStep } from './conversation/dialog-steps.js';
import { type FilingIntent, FORMS } from './conversation/forms.js';

export interface MediaDeps {
  readonly media: Pick<MediaService, 'fromChat'>;
  readonly dialogs: DialogStore;
  readonly inbox: AttachmentInbox;
  readonly queries: Pick<TicketQueries, 'visibleTo'>;
  readonly desk: Pick<TicketDesk, 'attach'>;
}

/** A photo sent right after a report, within this long, belongs to it. */
const RECENT_MS = 24 * 3600_000;

const REFUSED = {
  too_large: '照片或文件太大（超过 10MB），请压缩后重新发送。',
  unsupported: '只能接收照片（JPG、PNG、GIF、WebP、HEIC）或 PDF 文件。',
  gone: '没能取到这张照片，请重新发送。',
} as const;

/** The newest open complaint or work order this person reported recently, if any. */
const recentOwnTicket = async (d: MediaDeps, ctx: HandlerContext) => {
  const actor = ctx.actor;
  if (!actor) return undefined;
  const since = ctx.now.getTime() - RECENT_MS;
  return (await d.queries.visibleTo(actor, 10)).find(
    (i) =>
      (i.kind === 'complaint' || i.kind === 'repair') &&
      i.view.reporterId === actor.id &&
      i.view.createdAt.getTime() >= since &&
      !['closed', 'cancelled'].includes(i.view.status),
  );
};

/**
 * Photos and files from a bound person: fetched through the platform's media API at once (media
 * ids expire), stored in the database, and attached: to the report being written, to the ticket
 * named with "补充照片", to their report of the last day, or kept for the report they write next.
 * Voice without the platform's recognised text asks for text.
 */
export const mediaHandler = (d: MediaDeps): Handler => ({
  name: 'media',
  match: (ctx) => {
    const m = ctx.event.message;
    return (
      ctx.actor !== null &&
      ctx.event.kind === 'message' &&
      m !== undefined &&
      (m.type === 'image' || m.type === 'file' || m.type === 'video' || (m.type === 'voice' && !m.text))
    );
  },
  async handle(ctx) {
    const m = ctx.event.message;
    const actor = ctx.actor;
    if (!m || !actor) return;
    if (m.type === 'voice') {
      ctx.replyText('暂时无法识别这条语音，请改用文字描述，例如“铺里漏水了”。');
      return;
    }
    if (m.type === 'video') {
      ctx.replyText('暂不支持视频，请发送照片或文字描述。');
      return;
    }
    const stored = await d.media.fromChat({
      platform: ctx.event.platform,
      mediaId: m.mediaId ?? '',
      sourceKey: `in-${ctx.inboundId}`,
      uploaderId: actor.id,
    });
    if (!stored.ok) {
      ctx.replyText(REFUSED[stored.why]);
      return;
    }
    const id = stored.attachment.id;
    const { platform, userId } = ctx.sender;
    const dialog = await d.dialogs.get(platform, userId);
    const asked = dialog
      ? FORMS[dialog.intent as FilingIntent]?.find(
          (f) => f.key === dialog.awaiting && f.kind === 'attachments',
        )
      : undefined;
    if (dialog && asked) {
      // The form asks for this file (a declaration, drawings): it answers the question.
      const key = `${asked.key}_ids`;
      const ids = [...new Set([...(dialog.fields[key] ?? '').split(',').filter(Boolean), id])];
      dialog.fields[key] = ids.join(',');
      dialog.fields[asked.key] = `${ids.length} 份`;
      nextStep(ctx, actor, dialog, `已收到${asked.label}（${ids.length} 份）。\n`);
      ctx.onFlushed(() => d.dialogs.save(platform, userId, dialog));
      return;
    }
    if (dialog) {
      const ids = [...new Set([...(dialog.fields._attachments ?? '').split(',').filter(Boolean), id])];
      dialog.fields._attachments = ids.join(',');
      ctx.onFlushed(() => d.dialogs.save(platform, userId, dialog));
      ctx.replyText(
        `已收到照片（共 ${ids.length} 张），将随${FILING_LABELS[dialog.intent as FilingIntent] ?? '本次办理'}一起提交。`,
      );
      return;
    }
    const target =
      (await d.inbox.target(platform, userId)) ??
      (await recentOwnTicket(d, ctx).then(
        (i) => i && { kind: i.kind, id: i.view.id, number: i.view.number },
      ));
    if (target && (await d.desk.attach(target.kind, target.id, id, ctx.batch))) {
      ctx.replyText(
        `已将照片补充到 ${target.number}，处理人员会看到。如需补充到其他单，请发送“补充照片 单号”。`,
      );
      return;
    }
    const waiting = await d.inbox.addOrphan(platform, userId, id);
    ctx.replyText(
      `收到照片（${waiting} 张）。请描述问题，例如“铺里漏水了”，照片会随单一起提交；如需补充到已有的单，请发送“补充照片 单号”。`,
    );
  },
});
