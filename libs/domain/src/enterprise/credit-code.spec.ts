import { creditCodeCheckChar, creditCodeProblem, isValidCreditCode } from './credit-code';

describe('统一社会信用代码 validation', () => {
  it('accepts a published code ', () => {
    // A real registered code: 中国石油天然气股份有限公司.
    expect(isValidCreditCode('91110000710925462X')).toBe(true);
  });

  it('says what is wrong with a bad code', () => {
    expect(creditCodeProblem('9111000071092546')).toBe('length');
    expect(creditCodeProblem('91110000710925462I')).toBe('characters');
    expect(creditCodeProblem('911100007109254621')).toBe('check');
  });

  it('computes the check character for a generated code', () => {
    const first17 = '91320600MA1XYW123';
    expect(isValidCreditCode(first17 + creditCodeCheckChar(first17))).toBe(true);
  });
});
