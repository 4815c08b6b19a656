import { dingtalkDriver } from '../helpers/chat-driver.js';
import { startTestBot } from '../helpers/test-bot.js';
import { conversationScenarios } from './scenarios/conversation.scenarios.js';

// The same scripts as on WeCom: tenants write over HTTP callbacks, card clicks come over Stream.
conversationScenarios('dingtalk', async () => {
  const bot = await startTestBot({
    dingtalk: { stream: true, emulator: { userLimitPerMinute: 1000 } },
    // Messages come over HTTP callbacks here, replies and cards over Stream: both mounted.
    env: { DINGTALK_HTTP_CALLBACKS: 'true' },
  });
  return { bot, chat: dingtalkDriver(bot.dingtalk!, 'http') };
});
