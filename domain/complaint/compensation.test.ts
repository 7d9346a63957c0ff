import { describe, expect, it } from '@jest/globals';
import { given } from '../../test/support/complaint-scenario.js';
import { assigned, at, closed, communicated, decided, investigated, received } from '../../test/support/complaint-fixtures.js';
import { DEFAULT_CATALOG, type Catalog } from '../catalog.js';
import { allowedCommands, complaintOf } from './decider.js';
import { ComplaintCommandNotAllowed } from './errors.js';
import { InvalidCommand } from '../errors.js';
import type { CommandOf, ComplaintCommand } from './commands.js';
import type { Compensation, ComplaintEvent } from './events.js';

/**
 * Issue 17 §2, the 004 seed, ch. 3 ⑤ 나 (시정 및 보상). Given these events, when this command, then
 * these events or this error.
 */
const now = at(200);
const head = { roles: ['department-head' as const] };
const office = { roles: ['complaints-office' as const] };
const decide = (compensation: Compensation, outcome: 'upheld' | 'partly-upheld' | 'not-upheld' = 'upheld', by: { roles: ('department-head' | 'complaints-office')[] } = head): ComplaintCommand =>
  ({ type: 'decide', data: { outcome, basis: 'Gas Safety Act art. 17', compensation }, now, by });
const findings = (...subjects: { id: string; reason?: string; substantiated?: boolean }[]): ComplaintEvent[] => [
  {
    type: 'FindingsRecorded',
    occurredAt: at(60),
    data: { summary: 'Found', subjects: subjects.map(({ id, reason, substantiated = true }) => ({ id, kind: 'employee' as const, substantiated, ...(reason ? { reason } : {}) })) },
  },
];
const discourtesy = findings({ id: 'emp-9', reason: 'discourtesy' });

describe('"공사의 업무처리 잘못으로 고객이 공사를 방문하시거나 불편을 겪으신 경우 10,000원 상당의 물품으로 보상한다"', () => {
  it('given a subject substantiated for a procedure error, when the head decides upheld with 10,000 KRW, then the decision grants goods worth 10,000 KRW for a handling error', () => {
    const [event] = given(received, assigned, investigated).when(decide({ amount: 10_000, currency: 'KRW' })).thenEvents();
    expect(event).toEqual({
      type: 'DecisionMade',
      occurredAt: now,
      data: { outcome: 'upheld', basis: 'Gas Safety Act art. 17', compensation: { amount: 10_000, currency: 'KRW', trigger: 'handling-error', form: 'goods' } },
    });
  });

  it('given a partly upheld complaint with a handling error, then the policy\'s compensation is granted too', () => {
    const [event] = given(received, assigned, investigated).when(decide({ amount: 10_000, currency: 'KRW', trigger: 'handling-error' }, 'partly-upheld')).thenEvents();
    expect(event).toMatchObject({ data: { outcome: 'partly-upheld', compensation: { amount: 10_000, trigger: 'handling-error' } } });
  });

  it('"10,000원 상당의 물품으로 보상한다": the value itself, not a ceiling: less than the policy is refused naming compensation.amount, unless as an exception', () => {
    for (const amount of [1, 5_000]) {
      given(received, assigned, investigated).when(decide({ amount, currency: 'KRW' })).thenRejects(InvalidCommand, /^compensation.amount: the policy grants handling-error 10000 KRW as goods per case; anything else needs an exception/);
    }
  });

  it('given a case owed compensation, when the decision grants a fraction of a won, then it is refused naming the amount: KRW has no minor units', () => {
    given(received, assigned, investigated)
      .when(decide({ amount: 1.0000001, currency: 'KRW' }))
      .thenRejects(InvalidCommand, /^compensation\.amount: KRW has no minor units: a whole number/);
  });

  it('given a complaint not upheld, when the decision grants compensation, then it is refused naming compensation: nothing on a complaint not upheld', () => {
    given(received, assigned, investigated)
      .when(decide({ amount: 5_000_000, currency: 'KRW' }, 'not-upheld'))
      .thenRejects(InvalidCommand, /^compensation: only an upheld or partly upheld complaint is compensated/);
  });

  it('given no subject substantiated for a trigger, when the decision grants compensation, then it is refused naming compensation and the triggers', () => {
    given(received, assigned, findings({ id: 'emp-7', reason: 'unfair-judgement' }, { id: 'emp-8', substantiated: false }))
      .when(decide({ amount: 10_000, currency: 'KRW' }))
      .thenRejects(InvalidCommand, /^compensation: no subject was substantiated for a reason that triggers compensation: handling-error \(procedure-error, delay, wrong-information\); discourtesy \(discourtesy\)/);
  });

  it('when the value is above the policy, then it is refused naming compensation.amount and the policy', () => {
    given(received, assigned, investigated)
      .when(decide({ amount: 20_000, currency: 'KRW' }))
      .thenRejects(InvalidCommand, /^compensation.amount: the policy grants handling-error 10000 KRW as goods per case; anything else needs an exception approved by complaints-office with a reason/);
  });

  it('when the currency or the form is not the policy\'s, then it is refused naming that field', () => {
    given(received, assigned, investigated).when(decide({ amount: 10, currency: 'USD' })).thenRejects(InvalidCommand, /^compensation.currency: the policy grants/);
    given(received, assigned, investigated).when(decide({ amount: 10_000, currency: 'KRW', form: 'money' })).thenRejects(InvalidCommand, /^compensation.form: the policy grants/);
  });
});

describe('"공사 직원의 서비스 불친절 내용을 신고 하시는 경우 잘못이 확인되면 건당 10,000원 상당의 물품으로 보상한다"', () => {
  it('given staff discourtesy confirmed in the findings, when the head decides upheld, then the case is compensated for discourtesy with goods worth 10,000 KRW', () => {
    const [event] = given(received, assigned, discourtesy).when(decide({ amount: 10_000, currency: 'KRW', description: 'Gift card' })).thenEvents();
    expect(event).toMatchObject({ data: { compensation: { amount: 10_000, currency: 'KRW', trigger: 'discourtesy', form: 'goods', description: 'Gift card' } } });
  });

  it('given discourtesy reported but not confirmed (the subject not substantiated), then no compensation for discourtesy', () => {
    given(received, assigned, findings({ id: 'emp-9', substantiated: false }), findings({ id: 'emp-7', reason: 'delay' }))
      .when(decide({ amount: 10_000, currency: 'KRW', trigger: 'discourtesy' }))
      .thenRejects(InvalidCommand, /^compensation.trigger: no subject was substantiated for a reason of discourtesy \(discourtesy\)/);
  });

  it('given both a handling error and discourtesy confirmed, when no trigger is named, then it is refused naming compensation.trigger; naming one, it is granted per case for it', () => {
    const both = findings({ id: 'emp-7', reason: 'procedure-error' }, { id: 'emp-9', reason: 'discourtesy' });
    given(received, assigned, both).when(decide({ amount: 10_000, currency: 'KRW' })).thenRejects(InvalidCommand, /^compensation.trigger: is required when several triggers apply: handling-error, discourtesy/);
    const [event] = given(received, assigned, both).when(decide({ amount: 10_000, currency: 'KRW', trigger: 'discourtesy' })).thenEvents();
    expect(event).toMatchObject({ data: { compensation: { trigger: 'discourtesy' } } });
  });

  it('an unknown trigger is refused with the known ones', () => {
    given(received, assigned, discourtesy).when(decide({ amount: 10_000, currency: 'KRW', trigger: 'rudeness' })).thenRejects(InvalidCommand, /^compensation.trigger: unknown trigger rudeness; known: handling-error, discourtesy/);
  });
});

describe('an exception to the compensation policy: approved by the complaints office with a reason', () => {
  it('given the complaints office decides, when it grants more than the policy with a reason, then the decision records the exception', () => {
    const [event] = given(received, assigned, investigated)
      .when(decide({ amount: 50_000, currency: 'KRW', exception: { reason: 'Third visit caused by the same error' } }, 'upheld', office))
      .thenEvents();
    expect(event).toMatchObject({ data: { compensation: { amount: 50_000, trigger: 'handling-error', form: 'goods', exception: { reason: 'Third visit caused by the same error' } } } });
  });

  it('given the department head decides, when it grants an exception, then it is refused naming compensation.exception: only the complaints office approves one', () => {
    given(received, assigned, investigated)
      .when(decide({ amount: 50_000, currency: 'KRW', exception: { reason: 'Third visit' } }))
      .thenRejects(InvalidCommand, /^compensation.exception: only complaints-office may approve an exception to the compensation policy/);
  });

  it('an exception without a reason is refused naming compensation.exception.reason', () => {
    given(received, assigned, investigated).when(decide({ amount: 50_000, currency: 'KRW', exception: { reason: ' ' } }, 'upheld', office)).thenRejects(InvalidCommand, /^compensation.exception.reason: must not be empty/);
  });

  it('the policy comes from the catalog: another value, and who approves exceptions, without code changes', () => {
    const catalog: Catalog = {
      ...DEFAULT_CATALOG,
      compensationPolicy: { triggers: [{ code: 'any-fault', name: { ko: '과실', en: 'Fault' }, reasons: ['procedure-error'], form: 'money', value: 30_000, currency: 'KRW' }], exceptionApprovers: ['department-head'] },
    };
    const [event] = given(received, assigned, investigated).when(decide({ amount: 30_000, currency: 'KRW' }), catalog).thenEvents();
    expect(event).toMatchObject({ data: { compensation: { trigger: 'any-fault', form: 'money', amount: 30_000 } } });
    const [excepted] = given(received, assigned, investigated).when(decide({ amount: 90_000, currency: 'KRW', exception: { reason: 'Severe' } }), catalog).thenEvents();
    expect(excepted).toMatchObject({ data: { compensation: { amount: 90_000, exception: { reason: 'Severe' } } } });
  });
});

describe('provide-compensation: the hand-over of what the decision granted (CompensationProvided: what, when, by whom)', () => {
  const granted: ComplaintEvent[] = [
    { type: 'DecisionMade', occurredAt: at(90), data: { outcome: 'upheld', basis: 'x', compensation: { amount: 10_000, currency: 'KRW', trigger: 'handling-error', form: 'goods' } } },
  ];
  const handOver = (data: Partial<CommandOf<'provide-compensation'>['data']> = {}): ComplaintCommand =>
    ({ type: 'provide-compensation', data: { form: 'goods', description: 'Gift card 10,000 KRW', amount: 10_000, currency: 'KRW', providedBy: 'Park (customer support)', ...data }, now });

  it('given a decision that granted compensation, when the hand-over is recorded, then CompensationProvided says what, when and by whom', () => {
    given(received, assigned, investigated, granted)
      .when(handOver({ providedAt: at(150) }))
      .then([{ type: 'CompensationProvided', occurredAt: now, data: { form: 'goods', description: 'Gift card 10,000 KRW', amount: 10_000, currency: 'KRW', providedAt: at(150), providedBy: 'Park (customer support)' } }]);
  });

  it('given a closed case whose compensation was not handed over yet, the hand-over may still be recorded, once', () => {
    const state = given(received, assigned, investigated, granted, communicated, closed).when(handOver()).thenState();
    expect(complaintOf(state)?.compensationProvided).toMatchObject({ amount: 10_000, providedAt: now, providedBy: 'Park (customer support)' });
    expect(allowedCommands(state)).not.toContain('provide-compensation');
  });

  it('given a decision without compensation, the hand-over is not allowed: the decision granted none', () => {
    given(received, assigned, investigated, decided).when(handOver()).thenRejects(ComplaintCommandNotAllowed, 'provide-compensation is not allowed: the decision granted no compensation;');
    const withdrawn: ComplaintEvent[] = [{ type: 'ComplaintWithdrawn', data: { reason: 'Settled' }, occurredAt: at(70) }];
    given(received, assigned, withdrawn).when(handOver()).thenRejects(ComplaintCommandNotAllowed, 'provide-compensation is not allowed: the case was not decided: no compensation was granted;');
  });

  it('given the compensation handed over, a second hand-over is refused saying when the first was (two staff recording it at once)', () => {
    const provided: ComplaintEvent[] = [{ type: 'CompensationProvided', occurredAt: at(160), data: { form: 'goods', description: 'Gift card', amount: 10_000, currency: 'KRW', providedAt: at(150), providedBy: 'Park' } }];
    given(received, assigned, investigated, granted, provided).when(handOver()).thenRejects(ComplaintCommandNotAllowed, `provide-compensation is not allowed: the compensation was already handed over on ${at(150)};`);
    given(received, assigned, investigated, granted, communicated, closed, provided).when(handOver()).thenRejects(ComplaintCommandNotAllowed, `the compensation was already handed over on ${at(150)}`);
  });

  it('more than the decision granted, another currency, a time in the future or before the decision are refused naming the field', () => {
    const past = given(received, assigned, investigated, granted);
    past.when(handOver({ amount: 20_000 })).thenRejects(InvalidCommand, /^amount: must be above 0 and at most the 10000 KRW the decision granted/);
    past.when(handOver({ currency: 'USD' })).thenRejects(InvalidCommand, /^currency: the decision granted KRW/);
    past.when(handOver({ providedAt: at(300) })).thenRejects(InvalidCommand, /^providedAt: must not be in the future/);
    past.when(handOver({ providedAt: at(80) })).thenRejects(InvalidCommand, /^providedAt: must not be before the decision/);
    past.when(handOver({ providedBy: '' })).thenRejects(InvalidCommand, /^providedBy: must not be empty/);
  });
});
