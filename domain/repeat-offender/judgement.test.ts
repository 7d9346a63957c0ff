import { describe, expect, it } from '@jest/globals';
import { InvalidCommand } from '../errors.js';
import { REDACTED } from '../complaint/redaction.js';
import { judgeRepeatOffender, offenceMeasures, redactOffenceMeasures, repeatOffenceStreamId, showsRepeatOffenceMeasures, type JudgeRepeatOffender } from './judgement.js';

/** The 004 seed, ch. 3 ⑤ 가: "동일한 사유로 고객불만을 년 3회 이상 받은 직원에 대하여 해당 업무에 부적격하다 인정될 경우에는 인사상 필요한 조치를 취한다". */
const now = '2026-11-02T10:00:00+09:00';
const offence = { subject: { id: 'emp-7', kind: 'employee' as const }, reason: 'discourtesy', year: 2026 };
const command = (more: Partial<JudgeRepeatOffender> = {}): JudgeRepeatOffender => ({ offence, verdict: 'fit', explanation: 'Interviewed; first year in the post', now, ...more });

describe('"부적격하다 인정될 경우에는 인사상 필요한 조치": the judgement of a flagged subject', () => {
  it('given the subject flagged, when the office judges it fit with a reason, then RepeatOffenderJudged records it', () => {
    expect(judgeRepeatOffender(command(), true)).toEqual({ type: 'RepeatOffenderJudged', occurredAt: now, data: { ...offence, verdict: 'fit', explanation: 'Interviewed; first year in the post' } });
  });

  it('given the subject flagged, when judged unfit, then the judgement refers it for the personnel measure named', () => {
    const event = judgeRepeatOffender(command({ verdict: 'unfit', personnelMeasure: 'Reassignment' }), true);
    expect(event.data).toMatchObject({ verdict: 'unfit', personnelMeasure: 'Reassignment' });
  });

  it('a subject the rule does not flag is not judged: refused naming subject', () => {
    expect(() => judgeRepeatOffender(command(), false)).toThrow(new InvalidCommand('subject', 'employee emp-7 is not flagged by the repeat-offender rule for discourtesy in 2026'));
  });

  it('unfit needs a personnel measure; fit gives none; every verdict needs its reason', () => {
    expect(() => judgeRepeatOffender(command({ verdict: 'unfit' }), true)).toThrow(/personnelMeasure: an unfit verdict refers the subject for a personnel measure/);
    expect(() => judgeRepeatOffender(command({ personnelMeasure: 'x' }), true)).toThrow(/personnelMeasure: only an unfit verdict/);
    expect(() => judgeRepeatOffender(command({ explanation: ' ' }), true)).toThrow(/explanation: must not be empty/);
  });

  it('each subject, reason and year is one stream: judged once', () => {
    expect(repeatOffenceStreamId(offence)).toBe('repeat-offence-2026-employee-emp-7-discourtesy');
    expect(repeatOffenceStreamId({ ...offence, year: 2027 })).not.toBe(repeatOffenceStreamId(offence));
  });

  it('the judgement is personal data: the complaints office reads it, an auditor by break-glass; others read it redacted', () => {
    const actor = (role: 'complaints-office' | 'auditor' | 'manager') => ({ id: 'u', name: 'u', roles: [role] });
    expect(showsRepeatOffenceMeasures(actor('complaints-office'), undefined)).toBe(true);
    expect(showsRepeatOffenceMeasures(actor('auditor'), 'Audit of personnel measures')).toBe(true);
    expect(showsRepeatOffenceMeasures(actor('auditor'), undefined)).toBe(false);
    expect(showsRepeatOffenceMeasures(actor('manager'), 'why not')).toBe(false);
    const measures = { judgement: { verdict: 'unfit' as const, explanation: 'e', personnelMeasure: 'm', judgedAt: now, judgedBy: 'u-office' }, training: [], pending: [] };
    expect(redactOffenceMeasures(measures)).toEqual({ judgement: { verdict: REDACTED, explanation: REDACTED, personnelMeasure: REDACTED, judgedAt: now, judgedBy: 'u-office' }, training: [], pending: [] });
  });

  it('a CS training referral not completed is pending; redacted, it keeps its case and dates, not its programme', () => {
    const referral = (complaintId: string, completedAt: string | null) => ({ complaintId, programme: 'CS basics', referredAt: now, referredBy: 'u-head', completedAt });
    const measures = offenceMeasures(null, [referral('c-1', now), referral('c-2', null)]);
    expect(measures.pending).toEqual(['judgement', 'training']);
    expect(offenceMeasures(null, [referral('c-1', now)]).pending).toEqual(['judgement']);
    expect(redactOffenceMeasures(measures).training).toEqual([{ ...referral('c-1', now), programme: REDACTED }, { ...referral('c-2', null), programme: REDACTED }]);
  });
});
