import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ConfigError, loadNoticesConfig } from '../../src/config/index.js';
import { READ_MODELS, type ReadModelDatabase } from '../../src/read-models/index.js';
import { complaintBody, staff, startTestApi, type TestApi } from '../support/api.js';
import { eventually, startMailServer, type MailServer } from '../notices/servers.js';

/** E-mail to staff about improvement requests: the department head when one is filed, the complaints office when one is overdue. */
let api: TestApi;
let mail: MailServer;
let now = new Date('2026-11-30T01:00:00Z'); // Monday 30 November 2026 in Seoul: due Tuesday 2 March 2027
const STAFF = { complaintsOffice: 'cs@example.go.kr', departmentHeads: { inspection: 'inspection-head@example.go.kr' } };

beforeAll(async () => {
  mail = await startMailServer();
  const notices = loadNoticesConfig({ SMTP_URL: mail.url, NOTICE_FROM: 'minwon@example.go.kr', NOTICE_POLL_INTERVAL_MS: '50', NOTICE_STAFF_ADDRESSES: JSON.stringify(STAFF) });
  api = await startTestApi({ clock: () => now, config: { notices } });
});
afterAll(async () => {
  await api.close();
  await mail.close();
});

const file = async (department: string, change: string): Promise<string> => {
  const complaint = await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody() });
  const filed = await api.call('POST', '/improvement-requests', { as: staff.office, body: { department, complaints: [complaint.body.id], change, reason: 'Leaks' } });
  expect(filed.status).toBe(201);
  return filed.body.id as string;
};
const to = (address: string) => mail.messages.filter((m) => m.to !== undefined && JSON.stringify(m.to).includes(address));
const statusOf = async (noticeId: string) => {
  const { sql, s } = api.app.get<ReadModelDatabase>(READ_MODELS);
  const [row] = await sql.query<{ status: string; last_error: string | null }>(`SELECT status, last_error FROM ${s}.improvement_notices WHERE notice_id = $1`, [noticeId]);
  return row;
};

describe('improvement notices', () => {
  it('the head of the department is told when a request is filed, with what should change and the due date', async () => {
    const id = await file('inspection', 'Inspect the gas meters yearly');
    const [message] = await eventually(async () => to(STAFF.departmentHeads.inspection).length > 0 && to(STAFF.departmentHeads.inspection), 'the notice to the head');
    expect(message!.subject).toBe('[제도개선 요구] Inspect the gas meters yearly');
    expect(message!.text).toContain('2027-03-02');
    expect(message!.text).toContain(`/#/improvements/${id}`);
    // Recorded as sent when the send's transaction commits, a moment after the server has the message.
    await eventually(async () => (await statusOf(`${id}/filed`))?.status === 'sent', 'the notice recorded as sent');
  });

  it('a department with no address on file: the notice is skipped, saying why, and nothing is sent', async () => {
    const id = await file('audit', 'Audit the meter contracts');
    const row = await eventually(async () => (await statusOf(`${id}/filed`))?.status === 'skipped' && statusOf(`${id}/filed`), 'the skipped notice');
    expect(row).toMatchObject({ last_error: 'no address for the head of audit' });
    expect(mail.messages.filter((m) => m.subject?.includes('Audit the meter contracts'))).toEqual([]);
  });

  it('the complaints office is told once when a request becomes overdue, and again only after a new due date passes', async () => {
    now = new Date('2026-11-30T01:00:00Z');
    const id = await file('inspection', 'Replace old meters');
    await eventually(async () => (await statusOf(`${id}/filed`))?.status === 'sent', 'the filing notice');
    expect(to(STAFF.complaintsOffice).filter((m) => m.subject?.includes('Replace old meters'))).toEqual([]);
    now = new Date('2027-03-02T15:00:00Z'); // 00:00 on 3 March in Seoul
    await eventually(async () => to(STAFF.complaintsOffice).some((m) => m.subject?.includes('Replace old meters')), 'the overdue notice');
    const overdue = to(STAFF.complaintsOffice).filter((m) => m.subject?.includes('Replace old meters'));
    expect(overdue.map((m) => m.subject)).toEqual(['[제도개선 요구 기한 경과] Replace old meters']);
    // More polls send nothing more.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(to(STAFF.complaintsOffice).filter((m) => m.subject?.includes('Replace old meters'))).toHaveLength(1);

    const upheld = await api.call('POST', `/improvement-requests/${id}/record-committee-decision`, { as: staff.office, body: { decision: 'uphold', decidedBy: 'CS운영위원회', dueOn: '2027-03-31' } });
    expect(upheld.status).toBe(200);
    now = new Date('2027-04-01T01:00:00Z');
    await eventually(async () => to(STAFF.complaintsOffice).filter((m) => m.subject?.includes('Replace old meters')).length === 2, 'the second overdue notice');
    await eventually(async () => (await statusOf(`${id}/overdue/2027-03-31`))?.status === 'sent', 'the second overdue notice recorded as sent');
  });
  it('the head is reminded 14 days before the due date, once', async () => {
    now = new Date('2027-02-15T01:00:00Z'); // 15 February: 15 days before 2 March
    const id = await file('inspection', 'Label the meters');
    await eventually(async () => (await statusOf(`${id}/filed`))?.status === 'sent', 'the filing notice');
    const reminders = () => to(STAFF.departmentHeads.inspection).filter((m) => m.subject === '[제도개선 요구 기한 임박] Label the meters');
    // Filed on 15 February, due Monday 17 May (15 May is a Saturday): no reminder yet.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(reminders()).toEqual([]);
    now = new Date('2027-05-02T01:00:00Z'); // 2 May: 15 days before
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(reminders()).toEqual([]);
    now = new Date('2027-05-03T01:00:00Z'); // 3 May: 14 days before
    const [reminder] = await eventually(async () => reminders().length > 0 && reminders(), 'the reminder');
    expect(reminder!.text).toContain('2027-05-17');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(reminders()).toHaveLength(1);
  });
});

describe('NOTICE_STAFF_ADDRESSES', () => {
  it('must be the JSON of addresses: anything else stops the start naming the variable', () => {
    for (const value of ['not json', '{"complaintsOffice": "nobody"}', '{"departmentHeads": {"inspection": 7}}', '[]']) {
      expect(() => loadNoticesConfig({ NOTICE_STAFF_ADDRESSES: value })).toThrow(ConfigError);
      expect(() => loadNoticesConfig({ NOTICE_STAFF_ADDRESSES: value })).toThrow(/NOTICE_STAFF_ADDRESSES/);
    }
    expect(loadNoticesConfig({ NOTICE_STAFF_ADDRESSES: JSON.stringify(STAFF) }).staff).toEqual(STAFF);
    expect(loadNoticesConfig({}).improvementReminderDays).toBe(14);
    expect(loadNoticesConfig({ NOTICE_IMPROVEMENT_REMINDER_DAYS: '0' }).improvementReminderDays).toBe(0);
    expect(() => loadNoticesConfig({ NOTICE_IMPROVEMENT_REMINDER_DAYS: '-1' })).toThrow(/NOTICE_IMPROVEMENT_REMINDER_DAYS/);
  });
});
