import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { DEFAULT_CATALOG, type Catalog } from '../../domain/catalog.js';
import { complaintOf, lifecycleState, replay } from '../../domain/complaint/decider.js';
import { caseHistoryOf, NO_RESOLUTION, RowRejected, type RejectReason } from '../../src/import/case-history.js';
import { MappingError, parseMapping } from '../../src/import/mapping.js';
import { MAPPING_SCHEMA } from '../../src/import/mapping-schema.js';
import { CATALOG_SCHEMA } from '../../src/config/catalog-schema.js';

const catalog = JSON.parse(readFileSync('mappings/nyc311-catalog.json', 'utf8')) as Catalog;
const mappingJson = JSON.parse(readFileSync('mappings/nyc311.json', 'utf8')) as Record<string, unknown>;
const mapping = parseMapping(mappingJson, catalog);
const NOW = '2026-01-01T00:00:00Z';

/** A closed NYC 311 row, as in the sample (only the columns the mapping reads). */
const row = (overrides: Record<string, string> = {}): Record<string, string> => ({
  'Unique Key': '19937901',
  'Created Date': '03/01/2011 10:41:13 AM',
  'Closed Date': '03/15/2011 04:14:19 PM',
  'Due Date': '03/15/2011 05:32:23 PM',
  Agency: 'DOT',
  'Complaint Type': 'Street Sign - Dangling',
  Descriptor: 'Street Cleaning - ASP',
  'Incident Address': '186 25 STREET',
  'Intersection Street 1': '',
  'Intersection Street 2': '',
  City: 'BROOKLYN',
  'Incident Zip': '11232',
  Status: 'Closed',
  'Resolution Description': 'The Department of Transportation has completed the request or corrected the condition.',
  'Open Data Channel Type': 'PHONE',
  ...overrides,
});

/** The shipped mapping without its fallbacks, for the rows a mapping without `*` rejects. */
const strictJson = structuredClone(mappingJson) as { values: Record<string, Record<string, string>>; address: Record<string, unknown> };
for (const map of Object.values(strictJson.values)) delete map['*'];
delete strictJson.address.whenEmpty;
const strict = parseMapping(strictJson, catalog);

function rejection(fields: Record<string, string>, used = strict, against = catalog): { reason: RejectReason; detail: string } {
  try {
    caseHistoryOf(fields, used, against, NOW);
  } catch (error) {
    if (error instanceof RowRejected) return { reason: error.reason, detail: error.detail };
    throw error;
  }
  throw new Error('the row was imported');
}

describe('a historical row becomes the history the engine would have recorded', () => {
  it('a closed row is received and assigned when created, then investigated, decided, notified and closed when closed, at New York times', () => {
    const history = caseHistoryOf(row(), mapping, catalog, NOW);
    expect(history).toMatchObject({ caseId: '19937901', complaintId: 'nyc311-19937901', status: 'closed', closedOnTime: true });
    expect(history.events.map((e) => [e.type, e.occurredAt])).toEqual([
      ['ComplaintReceived', '2011-03-01T10:41:13-05:00'],
      ['ComplaintAssigned', '2011-03-01T10:41:13-05:00'],
      ['FindingsRecorded', '2011-03-15T16:14:19-04:00'],
      ['DecisionMade', '2011-03-15T16:14:19-04:00'],
      ['DecisionCommunicated', '2011-03-15T16:14:19-04:00'],
      ['ComplaintClosed', '2011-03-15T16:14:19-04:00'],
    ]);
    const complaint = complaintOf(replay(history.events))!;
    expect(complaint).toMatchObject({
      category: 'street-condition',
      department: 'dot',
      channel: 'call-centre',
      receivedAt: '2011-03-01T10:41:13-05:00',
      description: 'Street Sign - Dangling: Street Cleaning - ASP',
      complainant: { name: '(imported: no name)', address: '186 25 STREET, BROOKLYN, 11232' },
      consent: { sms: false, email: false, phone: false },
      decision: { outcome: 'upheld', basis: row()['Resolution Description'] },
      decisionCommunicated: { channel: 'post' },
      closure: { as: 'resolved' },
    });
  });

  it('an open row stops at its assignment', () => {
    const history = caseHistoryOf(row({ Status: 'Pending', 'Closed Date': '' }), mapping, catalog, NOW);
    expect(history.status).toBe('open');
    expect(history.closedOnTime).toBeUndefined();
    expect(lifecycleState(replay(history.events))).toBe('assigned');
  });

  it('the resolution text decides the outcome by the mapping’s rules, and a withdrawal is a withdrawal', () => {
    const outcome = (resolution: string) => complaintOf(replay(caseHistoryOf(row({ 'Resolution Description': resolution }), mapping, catalog, NOW).events))!;
    expect(outcome('The Police Department responded to the complaint and with the information available observed no evidence of the violation at that time.').decision?.outcome).toBe('not-upheld');
    expect(outcome('The Department of Consumer Affairs mailed you a complaint form.').decision?.outcome).toBe('partly-upheld');
    expect(outcome("The complaint was withdrawn per the customer's request.").closure).toMatchObject({ as: 'withdrawn' });
    expect(outcome('').decision).toMatchObject({ outcome: 'upheld', basis: NO_RESOLUTION });
  });

  it('a row closed after its due date is reported late; one without a due date is not counted either way', () => {
    expect(caseHistoryOf(row({ 'Due Date': '03/15/2011 04:14:18 PM' }), mapping, catalog, NOW).closedOnTime).toBe(false);
    expect(caseHistoryOf(row({ 'Due Date': '' }), mapping, catalog, NOW).closedOnTime).toBeUndefined();
  });

  it('an empty agency falls back to the category’s default department; an intersection makes the address', () => {
    const history = caseHistoryOf(row({ Agency: '', 'Incident Address': '', 'Intersection Street 1': '158 STREET', 'Intersection Street 2': 'NORTHERN BOULEVARD' }), mapping, catalog, NOW);
    expect(complaintOf(replay(history.events))).toMatchObject({ department: 'dot', complainant: { address: '158 STREET, NORTHERN BOULEVARD, BROOKLYN, 11232' } });
  });

  it('ONLINE and MOBILE requests came over the web; UNKNOWN ones are counted as call-centre', () => {
    const channel = (value: string) => complaintOf(replay(caseHistoryOf(row({ 'Open Data Channel Type': value }), mapping, catalog, NOW).events))!.channel;
    expect([channel('ONLINE'), channel('MOBILE'), channel('UNKNOWN'), channel('PHONE')]).toEqual(['web', 'web', 'call-centre', 'call-centre']);
  });
});

describe('a row that cannot be imported is rejected with the reason', () => {
  it.each<[string, Record<string, string>, RejectReason, RegExp]>([
    ['an unparseable received date', { 'Created Date': '13/45/2011 10:41:13 AM' }, 'unparseable-date', /Created Date "13\/45\/2011/],
    ['an unparseable due date', { 'Due Date': 'soon' }, 'unparseable-date', /Due Date "soon"/],
    ['a day that does not exist', { 'Created Date': '02/30/2011 10:41:13 AM' }, 'unparseable-date', /^Created Date "02\/30\/2011 10:41:13 AM" has the form .* but is no date: February 2011 has no day 30$/],
    ['a time the spring-forward hour skipped', { 'Created Date': '03/13/2011 02:30:00 AM' }, 'unparseable-date', /daylight-saving gap/],
    ['a closing before the receipt', { 'Closed Date': '02/28/2011 09:00:00 AM' }, 'closed-before-received', /Closed Date 02\/28\/2011 09:00:00 AM is before Created Date/],
    ['a date after the import', { 'Closed Date': '03/15/2031 04:14:19 PM' }, 'date-in-future', /Closed Date/],
    ['a complaint type the mapping does not know', { 'Complaint Type': 'Alien Landing' }, 'unknown-category', /Complaint Type "Alien Landing" is not in the mapping/],
    ['an agency the mapping does not know', { Agency: 'NASA' }, 'unknown-value', /Agency "NASA"/],
    ['a channel the mapping does not know', { 'Open Data Channel Type': 'PIGEON' }, 'unknown-value', /Open Data Channel Type "PIGEON"/],
    ['no case id', { 'Unique Key': ' ' }, 'missing-field', /Unique Key is empty/],
    ['a case id unfit for a complaint id', { 'Unique Key': '12/34' }, 'invalid-case-id', /12\/34/],
    ['a case id with a letter outside A to Z, the rule named', { 'Unique Key': 'Café-1' }, 'invalid-case-id', /"Café-1": 1 to 100 of the letters A to Z \(either case\), digits/],
    ['no received date', { 'Created Date': '' }, 'missing-field', /Created Date is empty/],
    ['no complaint type', { 'Complaint Type': '' }, 'missing-field', /Complaint Type is empty/],
    ['no address of any kind', { 'Incident Address': '', City: '', 'Incident Zip': '' }, 'missing-field', /no address/],
    ['a closed status without a closed date', { 'Closed Date': '' }, 'missing-field', /the closed date \(Closed Date\) is empty but Status says the case is closed/],
    ['an open status with a closed date', { Status: 'Assigned' }, 'inconsistent-status', /Status Assigned is open but Closed Date .* closes it/],
    ['a due date before the receipt', { 'Due Date': '02/28/2011 09:00:00 AM' }, 'due-before-received', /Due Date 02\/28\/2011 09:00:00 AM is before Created Date/],
    ['an unknown status', { Status: 'Lost' }, 'unknown-value', /Status "Lost"/],
    ['a control character the API refuses (a NUL)', { Descriptor: 'Mis\u0000applied Payment' }, 'invalid-text', /^Descriptor: must not contain control characters/],
    ['a control character in one of the address columns, named alone', { 'Intersection Street 1': 'BROADWAY\u0007' }, 'invalid-text', /^Intersection Street 1: must not contain control characters/],
    ['a resolution past the API\'s 10,000 characters', { 'Resolution Description': 'r'.repeat(10_001) }, 'too-long', /^Resolution Description: 10,001 characters, at most 10,000$/],
  ])('%s', (_, overrides, reason, detail) => {
    const rejected = rejection(row(overrides));
    expect(rejected.reason).toBe(reason);
    expect(rejected.detail).toMatch(detail);
  });
});

describe('the shipped NYC mapping fits real files: what the sample lacks falls back, nothing is lost as unknown', () => {
  const imported = (overrides: Record<string, string>) => complaintOf(replay(caseHistoryOf(row(overrides), mapping, catalog, NOW).events))!;

  it('a complaint type or agency the mapping does not list falls back to "other" and the other city agencies', () => {
    expect(imported({ 'Complaint Type': 'Alien Landing', Agency: 'NASA' })).toMatchObject({ category: 'other', department: 'other-agency' });
  });

  it('a row without any address imports with the placeholder address (which identifies nobody)', () => {
    expect(imported({ 'Incident Address': '', City: '', 'Incident Zip': '' }).complainant.address).toBe('(imported: no address in the source)');
  });

  it('the source’s due date is kept with the receipt, at New York time; the catalog runs on the US federal calendar', () => {
    const history = caseHistoryOf(row(), mapping, catalog, NOW);
    expect(history.events[0]!.data).toMatchObject({ sourceDueAt: '2011-03-15T17:32:23-04:00' });
    expect(catalog.calendar).toMatchObject({ ready: 'usa', timeZone: 'America/New_York' });
  });
});

describe('the mapping is checked before any row is read', () => {
  const problemsOf = (json: unknown, against: Catalog = catalog): string => {
    try {
      parseMapping(json, against, 'mappings/x.json');
    } catch (error) {
      if (error instanceof MappingError) return error.problems.join('\n');
      throw error;
    }
    throw new Error('the mapping was accepted');
  };

  it('against its JSON Schema first: each problem names the file, the JSON path and the rule', () => {
    const { channel: _channel, ...columns } = mappingJson.columns as Record<string, unknown>;
    const problems = problemsOf({ ...mappingJson, columns: { ...columns, closedAt: { column: 'Closed Date', when: { colum: 'Status' } } }, noticeChannel: 'pigeon', outcome: { default: 'maybe' }, colour: 'red' });
    expect(problems).toContain('mappings/x.json: $.columns.channel: required');
    expect(problems).toContain('mappings/x.json: $.columns.closedAt.when.colum: not a field of this object (a typo?)');
    expect(problems).toContain('mappings/x.json: $.noticeChannel: must be one of "sms", "email", "post", "phone", "in-person", "homepage"');
    expect(problems).toContain('mappings/x.json: $.outcome.default: must be one of "upheld", "partly-upheld", "not-upheld", "withdrawn"');
    expect(problems).toContain('mappings/x.json: $.colour: not a field of this object (a typo?)');
  });

  it("names codes the catalog lacks beside the schema's problems, so that one round of corrections does (the import tester fixed a typo, then met the codes)", () => {
    const problems = problemsOf({ ...mappingJson, colour: 'red' }, DEFAULT_CATALOG);
    expect(problems).toContain('mappings/x.json: $.colour: not a field of this object (a typo?)');
    expect(problems).toMatch(/\$.values.categories\["Noise - Residential"\]: "noise" is not in the catalog's categories/);
    expect(problems).toMatch(/\$.values.departments\["NYPD"\]: "nypd" is not in the catalog's departments/);
    // Value maps without their shape are the schema's to report: no second message about them.
    expect(problemsOf({ ...mappingJson, values: { ...(mappingJson.values as object), categories: ['noise'] } }, DEFAULT_CATALOG)).not.toMatch(/is not in the catalog's categories/);
  });

  it("names the time zone, the date format and the regular expressions beside the schema's problems too (the import tester met them in a second round)", () => {
    const { closedAt: _closedAt, ...columns } = mappingJson.columns as Record<string, unknown>;
    const problems = problemsOf({
      ...mappingJson,
      colour: 'red',
      timeZone: 'America/New_Yrok',
      dateFormat: 'MM/dd',
      columns: { ...columns, closedAt: { column: 'Closed Date', when: { column: 'Status', matches: '[' } } },
      outcome: { default: 'upheld', rules: [{ pattern: '(', outcome: 'upheld' }] },
    });
    expect(problems).toContain('mappings/x.json: $.colour: not a field of this object (a typo?)');
    expect(problems).toContain('mappings/x.json: $.timeZone: America/New_Yrok is not an IANA time zone');
    expect(problems).toMatch(/\$.dateFormat: "MM\/dd" must give a whole date/);
    expect(problems).toMatch(/\$.outcome.rules\[0\].pattern: Invalid regular expression/);
    expect(problems).toMatch(/\$.columns.closedAt.when.matches: Invalid regular expression/);
    // A part without the schema's shape is the schema's to report: no second message about it.
    expect(problemsOf({ ...mappingJson, timeZone: 7, outcome: { default: 'upheld', rules: 'x' } })).not.toMatch(/IANA|regular expression/);
  });

  it('then against the catalog the service runs with, listing every problem at once', () => {
    const problems = problemsOf({ ...mappingJson, timeZone: 'Mars/Olympus', noticeChannel: 'email', outcome: { default: 'upheld', rules: [{ pattern: '(', outcome: 'upheld' }] } }, DEFAULT_CATALOG);
    expect(problems).toMatch(/mappings\/x.json: \$.timeZone: Mars\/Olympus is not an IANA time zone/);
    expect(problems).toMatch(/\$.values.categories\["Noise - Residential"\]: "noise" is not in the catalog's categories/);
    expect(problems).toMatch(/\$.values.departments\["NYPD"\]: "nypd" is not in the catalog's departments/);
    expect(problems).toMatch(/\$.outcome.rules\[0\].pattern: Invalid regular expression/);
    expect(problems).toMatch(/\$.noticeChannel: only post or in-person suit imported contacts \(the source recorded no consent to SMS, e-mail or calls\)/);
  });

  it('names the channel and the fields required together with what the schema refuses: one round of corrections (an import tester needed two)', () => {
    const { departments: _departments, ...values } = mappingJson.values as Record<string, unknown>;
    const problems = problemsOf({ ...mappingJson, noticeChannel: 'email', values, colour: 'red' });
    expect(problems).toMatch(/colour/);
    expect(problems).toMatch(/\$.values.departments: required when columns.department is given/);
    expect(problems).toMatch(/\$.noticeChannel: only post or in-person suit imported contacts/);
  });

  it('the committed schema files are the schemas the import and the service check with', () => {
    expect(JSON.parse(readFileSync('mappings/mapping.schema.json', 'utf8'))).toEqual(MAPPING_SCHEMA);
    expect(JSON.parse(readFileSync('mappings/catalog.schema.json', 'utf8'))).toEqual(CATALOG_SCHEMA);
  });
});

describe('a mapping of another shape (CFPB): derived and conditional dates, source outcomes, subjects, source values kept', () => {
  const cfpbCatalog = JSON.parse(readFileSync('mappings/cfpb-catalog.json', 'utf8')) as Catalog;
  const cfpb = parseMapping(JSON.parse(readFileSync('mappings/cfpb.json', 'utf8')), cfpbCatalog);
  const cfpbRow = (overrides: Record<string, string> = {}): Record<string, string> => ({
    'Date received': '2023-03-01', Product: 'Debt collection', Issue: 'Attempts to collect debt not owed', Company: 'Sample Bank, N.A.',
    State: 'CA', 'ZIP code': '90001', 'Submitted via': 'Web', 'Date sent to company': '2023-03-02',
    'Company response to consumer': 'Closed with monetary relief', 'Timely response?': 'Yes', 'Consumer disputed?': 'N/A', 'Complaint ID': '6400001',
    ...overrides,
  });
  const historyOf = (overrides: Record<string, string> = {}) => caseHistoryOf(cfpbRow(overrides), cfpb, cfpbCatalog, NOW);

  it('the due date is the date sent to the company plus 15 days; a timely case closes on it, an untimely one the day after', () => {
    const timely = historyOf();
    expect(timely.events[0]!.data).toMatchObject({ sourceDueAt: '2023-03-17T00:00:00-04:00', category: 'debt-collection', subjects: [{ id: 'Sample Bank, N.A.', kind: 'supplier' }] });
    expect(timely.events.at(-1)).toMatchObject({ type: 'ComplaintClosed', occurredAt: '2023-03-17T00:00:00-04:00' });
    expect(timely.closedOnTime).toBe(true);
    const late = historyOf({ 'Timely response?': 'No' });
    expect(late.events.at(-1)).toMatchObject({ occurredAt: '2023-03-18T00:00:00-04:00' });
    expect(late.closedOnTime).toBe(false);
  });

  it('the closed date is derived only when the response closes the case: "In progress" stays open', () => {
    const open = historyOf({ 'Company response to consumer': 'In progress' });
    expect(open.status).toBe('open');
    expect(open.events.map((e) => e.type)).toEqual(['ComplaintReceived', 'ComplaintAssigned']);
  });

  it('the company’s response is the outcome; relief substantiates the company for the mapping’s reason, an explanation does not', () => {
    const findingsOf = (response: string) => complaintOf(replay(historyOf({ 'Company response to consumer': response }).events))!;
    expect(findingsOf('Closed with monetary relief')).toMatchObject({ decision: { outcome: 'upheld' }, findings: { subjects: [{ id: 'Sample Bank, N.A.', kind: 'supplier', substantiated: true, reason: 'service-defect' }] } });
    expect(findingsOf('Closed with non-monetary relief')).toMatchObject({ decision: { outcome: 'partly-upheld' }, findings: { subjects: [{ substantiated: true }] } });
    expect(findingsOf('Closed with explanation')).toMatchObject({ decision: { outcome: 'not-upheld' }, findings: { subjects: [{ substantiated: false }] } });
    expect(rejection(cfpbRow({ 'Company response to consumer': 'Lost in the post' }), cfpb, cfpbCatalog)).toEqual({ reason: 'unknown-value', detail: 'Company response to consumer "Lost in the post" is not in the mapping' });
  });

  it('"*": "(source value)" keeps a product as its own code; one the catalog lacks is an unknown category naming the code', () => {
    expect(complaintOf(replay(historyOf({ Product: 'Student loan' }).events))!.category).toBe('student-loan');
    try {
      historyOf({ Product: 'Payday loan' });
      throw new Error('imported');
    } catch (error) {
      expect(error).toMatchObject({ reason: 'unknown-category', unknown: { map: 'categories', column: 'Product', value: 'Payday loan', code: 'payday-loan' } });
    }
  });

  it('an empty state and ZIP code import as the placeholder address', () => {
    expect(complaintOf(replay(historyOf({ State: '', 'ZIP code': '' }).events))!.complainant.address).toBe('(imported: no address in the source)');
  });

  it('a subject is spelt one way, as the API\'s rule asks: spaces collapsed, letters composed; what no spelling fixes is rejected naming the column', () => {
    const decomposed = '가스공사'.normalize('NFD');
    expect(historyOf({ Company: 'Sample\u00a0Bank,  N.A.' }).events[0]!.data).toMatchObject({ subjects: [{ id: 'Sample Bank, N.A.' }] });
    expect(historyOf({ Company: decomposed }).events[0]!.data).toMatchObject({ subjects: [{ id: '가스공사' }] });
    expect(rejection(cfpbRow({ Company: '\u0301Bank' }), cfpb, cfpbCatalog)).toMatchObject({ reason: 'invalid-text', detail: expect.stringMatching(/^Company: a subject's id must be printable/) });
  });

  it('a cell past the API\'s limits is rejected as too long, naming the column: no row stores what no command over HTTP could', () => {
    // A 9,000-character company name once stopped every read model: its index entry exceeded PostgreSQL's limit.
    expect(rejection(cfpbRow({ Company: 'C'.repeat(9_000) }), cfpb, cfpbCatalog)).toEqual({ reason: 'too-long', detail: 'Company: 9,000 characters, at most 100' });
    expect(historyOf({ Company: 'C'.repeat(100) }).events[0]!.data).toMatchObject({ subjects: [{ id: 'C'.repeat(100) }] });
    // The description joins Product and Issue: the limit is on what is stored.
    expect(rejection(cfpbRow({ Issue: 'i'.repeat(10_001) }), cfpb, cfpbCatalog)).toEqual({ reason: 'too-long', detail: 'Product, Issue: 10,018 characters, at most 10,000' });
    expect(rejection(cfpbRow({ State: 'S'.repeat(2_001) }), cfpb, cfpbCatalog)).toMatchObject({ reason: 'too-long', detail: expect.stringMatching(/^State, ZIP code: 2,00\d characters, at most 2,000$/) });
  });
});
