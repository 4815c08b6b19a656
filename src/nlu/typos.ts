/**
 * Homophone typos and the English people mix in, mapped to the words the rules know. Applied to a
 * copy used for intent matching only; slots are read from the original text.
 */
const FIXES: readonly [RegExp, string][] = [
  [/漏谁|露水|漏氺/g, '漏水'],
  [/空掉|空跳/g, '空调'],
  [/电悌|电剃/g, '电梯'],
  [/方行|放形/g, '放行'],
  [/钥是|要匙|钥时/g, '钥匙'],
  [/投述|头诉|tou诉|tousu/gi, '投诉'],
  [/申情|深请/g, '申请'],
  [/报秀|报休/g, '报修'],
  [/\bAC\b|aircon|air-con/gi, '空调'],
  [/\blights?\b/gi, '灯'],
  [/\bWC\b|toilet/gi, '厕所'],
  [/\bleak(ing)?\b/gi, '漏水'],
  [/\bdeposit\b/gi, '按金'],
  [/goods\s*release/gi, '放行'],
  [/\bhelp\b|\bmenu\b/gi, '帮助'],
  [/^\s*(hi|hello|hey)\s*$/gi, '你好'],
  [/^\s*(ok|okay|thx|thanks)\s*$/gi, '好的'],
  [/^ts[：:]/gi, '投诉：'],
];

export const fixTypos = (text: string): string => FIXES.reduce((t, [re, to]) => t.replace(re, to), text);
