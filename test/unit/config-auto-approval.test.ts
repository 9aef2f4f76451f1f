import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { VALID_ENV as VALID } from '../support/factories.ts';

describe('loadConfig: automatic approvals', () => {
  it('are off by default, with the documented guards', () => {
    expect(loadConfig(VALID).autoApproval).toEqual({
      enabledCases: [],
      maxRefundSharePercent: 20,
      maxPerProfessional: 1,
      dailyCredits: 200,
      reversalDays: 7,
    });
  });

  it('reads each variable', () => {
    const config = loadConfig({
      ...VALID,
      AUTO_APPROVE: ' answered_twice, first_mistake ,answered_twice',
      REFUND_SHARE_WARNING_PERCENT: '15',
      AUTO_APPROVE_MAX_PER_PROFESSIONAL: '2',
      AUTO_APPROVE_DAILY_CREDITS: '500',
      AUTO_APPROVE_REVERSAL_DAYS: '3',
    });
    expect(config.autoApproval).toEqual({
      enabledCases: ['answered_twice', 'first_mistake'],
      maxRefundSharePercent: 15,
      maxPerProfessional: 2,
      dailyCredits: 500,
      reversalDays: 3,
    });
  });

  it.each([
    ['AUTO_APPROVE', 'answered_twice,no_grazie'],
    ['REFUND_SHARE_WARNING_PERCENT', '120'],
    ['AUTO_APPROVE_MAX_PER_PROFESSIONAL', '-1'],
    ['AUTO_APPROVE_DAILY_CREDITS', 'lots'],
    ['AUTO_APPROVE_REVERSAL_DAYS', '0'],
  ])('a bad %s (%s) stops the app naming it', (name, value) => {
    expect(() => loadConfig({ ...VALID, [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ ...VALID, [name]: value })).toThrow(new RegExp(`${name} is invalid`));
  });
});
