/**
 * 统一社会信用代码 (unified social credit code, GB 32100-2015): 18 characters from a 31-symbol
 * alphabet (no I, O, Z, S, V); the last is a check character over the first 17.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function creditCodeCheckChar(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = ALPHABET.indexOf(first17[i]);
    if (v < 0) return null;
    sum += v * WEIGHTS[i];
  }
  const c = 31 - (sum % 31);
  return ALPHABET[c === 31 ? 0 : c];
}

export type CreditCodeProblem = 'length' | 'characters' | 'check';

/** null when valid; otherwise what is wrong, so the message can say it. */
export function creditCodeProblem(code: string): CreditCodeProblem | null {
  if (code.length !== 18) return 'length';
  if (![...code].every((ch) => ALPHABET.includes(ch))) return 'characters';
  return creditCodeCheckChar(code.slice(0, 17)) === code[17] ? null : 'check';
}

export function isValidCreditCode(code: string): boolean {
  return creditCodeProblem(code) === null;
}
