import { dingtalkDriver } from '../helpers/chat-driver.js';
import { startTestBot } from '../helpers/test-bot.js';
import { deadlineScenarios } from './scenarios/deadlines.scenarios.js';

deadlineScenarios('dingtalk', async () => {
  const bot = await startTestBot({ dingtalk: { stream: true }, env: { DEV_CLOCK: '1' } });
  return { bot, chat: dingtalkDriver(bot.dingtalk!, 'stream') };
});
