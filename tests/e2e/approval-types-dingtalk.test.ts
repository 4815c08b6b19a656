import { dingtalkDriver } from '../helpers/chat-driver.js';
import { startTestBot } from '../helpers/test-bot.js';
import { approvalTypeScenarios } from './scenarios/approval-types.scenarios.js';

approvalTypeScenarios('dingtalk', async () => {
  const bot = await startTestBot({ dingtalk: { stream: true }, env: { DEV_CLOCK: '1' } });
  return { bot, chat: dingtalkDriver(bot.dingtalk!, 'stream') };
});
