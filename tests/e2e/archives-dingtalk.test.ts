import { dingtalkDriver } from '../helpers/chat-driver.js';
import { startTestBot } from '../helpers/test-bot.js';
import { archiveScenarios } from './scenarios/archives.scenarios.js';

archiveScenarios('dingtalk', async () => {
  const bot = await startTestBot({ dingtalk: { stream: true }, env: { DEV_CLOCK: '1' } });
  return { bot, chat: dingtalkDriver(bot.dingtalk!, 'stream') };
});
