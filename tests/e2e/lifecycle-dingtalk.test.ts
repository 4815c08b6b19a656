import { dingtalkDriver } from '../helpers/chat-driver.js';
import { startTestBot } from '../helpers/test-bot.js';
import { lifecycleScenarios } from './scenarios/lifecycle.scenarios.js';

lifecycleScenarios('dingtalk', async () => {
  const bot = await startTestBot({ dingtalk: { stream: true }, env: { LIFT_CONTACTS: 'dingtalk:lift-co' } });
  return { bot, chat: dingtalkDriver(bot.dingtalk!, 'stream') };
});
