import { createHash } from 'node:crypto';
import { renderDingTalkMarkdown } from '../../cards/render/dingtalk.render.js';
import { AppError, AppErrorCode } from '../lib/errors.js';
import type { DingTalkClient } from '../platforms/dingtalk/dingtalk.client.js';
import { requestJson } from '../platforms/http-json.js';
import type { GroupPost } from './digest-definition.js';

/** One part of a group post (a markdown text, an image); posted and recorded separately. */
export type GroupPart = 'markdown' | 'image';

/** A group that gets digests besides the people's own chats. */
export interface GroupPoster {
  /** `wecom-robot` or `dingtalk-group`, recorded in the run ledger. */
  readonly name: string;
  /** Which parts this group can show. */
  parts(post: GroupPost): GroupPart[];
  post(post: GroupPost, part: GroupPart): Promise<void>;
}

/** WeCom group robot markdown content limit (PROTOCOLS.md §1.9: 4096 bytes). */
const ROBOT_MARKDOWN_BYTES = 4096;
/** Robot image limit: 2 MB before Base64. */
const ROBOT_IMAGE_BYTES = 2 * 1024 * 1024;

const cutBytes = (s: string, max: number): string => {
  const b = Buffer.from(s, 'utf8');
  return b.length <= max
    ? s
    : `${b
        .subarray(0, max - 6)
        .toString('utf8')
        .replace(/\uFFFD+$/, '')}…`;
};

/**
 * The WeCom group robot (消息推送): send-only, the key in the URL is its only credential.
 * errcode -1 and HTTP/network failures are retryable; any other errcode needs a person (a wrong
 * or removed key, content rejected), so it is permanent.
 */
export class WeComRobotPoster implements GroupPoster {
  readonly name = 'wecom-robot';
  constructor(private readonly url: string) {}

  parts(post: GroupPost): GroupPart[] {
    return post.pngBase64 ? ['markdown', 'image'] : ['markdown'];
  }

  async post(post: GroupPost, part: GroupPart): Promise<void> {
    const body =
      part === 'markdown'
        ? {
            msgtype: 'markdown',
            markdown: { content: cutBytes(`**${post.title}**\n${post.markdown}`, ROBOT_MARKDOWN_BYTES) },
          }
        : this.image(post.pngBase64 ?? '');
    const r = await requestJson({ method: 'POST', url: this.url, body, timeoutMs: 10_000 });
    const b = (r.body ?? {}) as { errcode?: unknown; errmsg?: unknown };
    if (r.status >= 500 || r.status === 429)
      throw new AppError(AppErrorCode.PLATFORM_RETRYABLE, `group robot answered HTTP ${r.status}`);
    if (r.status !== 200 || typeof b.errcode !== 'number')
      throw new AppError(AppErrorCode.PLATFORM_REJECTED, `group robot answered HTTP ${r.status}`);
    if (b.errcode === 0) return;
    const msg = `group robot errcode ${b.errcode}: ${String(b.errmsg ?? '')}`;
    throw new AppError(
      b.errcode === -1 ? AppErrorCode.PLATFORM_RETRYABLE : AppErrorCode.PLATFORM_REJECTED,
      msg,
      {
        details: { errcode: b.errcode },
      },
    );
  }

  private image(pngBase64: string): Record<string, unknown> {
    const bytes = Buffer.from(pngBase64, 'base64');
    if (bytes.length > ROBOT_IMAGE_BYTES)
      throw new AppError(AppErrorCode.VALIDATION_FAILED, 'chart image is over the robot limit of 2 MB');
    return {
      msgtype: 'image',
      image: { base64: pngBase64, md5: createHash('md5').update(bytes).digest('hex') },
    };
  }
}

/** A DingTalk group the app robot is in (groupMessages/send); images need a URL, so text only. */
export class DingTalkGroupPoster implements GroupPoster {
  readonly name = 'dingtalk-group';
  constructor(
    private readonly client: DingTalkClient,
    private readonly conversationId: string,
  ) {}

  parts(): GroupPart[] {
    return ['markdown'];
  }

  async post(post: GroupPost): Promise<void> {
    await this.client.groupSend(this.conversationId, renderDingTalkMarkdown(post.title, post.markdown));
  }
}
