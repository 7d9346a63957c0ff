/** The printable HTML of an evidence export: one page per case and an index for the period. */
import { DateTime } from 'luxon';
import { isHidden } from '../../../domain/complaint/redaction.js';
import type { ChecklistItem } from '../../../projections/iso10002.js';
import type { CaseEvidence, PeriodSummary } from './evidence.js';
import { html, SafeHtml } from './html.js';
import type { DamagedRequestEvidence, RequestEvidence, RequestTimelineRow } from './request-evidence.js';

const STYLE = `
  :root { font-family: system-ui, 'Noto Sans KR', 'DejaVu Sans', Arial, sans-serif; font-size: 10.5pt; color: #111; }
  body { margin: 2em auto; max-width: 72em; padding: 0 1em; }
  h1 { font-size: 1.5em; margin-bottom: .2em; } h2 { font-size: 1.15em; border-bottom: 1px solid #999; margin-top: 1.6em; }
  .meta { color: #444; margin-top: 0; }
  table { border-collapse: collapse; width: 100%; margin: .5em 0; }
  th, td { border: 1px solid #bbb; padding: .25em .45em; text-align: left; vertical-align: top; }
  th { background: #eee; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .2em 1em; } dt { font-weight: 600; } dd { margin: 0; }
  .hash, .details { font-family: ui-monospace, monospace; font-size: .85em; word-break: break-all; }
  .confidential { border: 2px solid #a00; color: #a00; font-weight: 600; padding: .4em .6em; }
  .status-gap, .status-breached, .bad { color: #a00; font-weight: 600; } .status-evidenced, .status-met, .good { color: #060; }
  @media print { body { margin: 0; max-width: none; } a { color: inherit; text-decoration: none; } tr, dl { break-inside: avoid; } h2 { break-after: avoid; } }
`;

/**
 * A style sheet as it goes into `<style>`: our own constant, so inserted as it is (the escaper would
 * turn `'Noto Sans KR'` into `&#39;Noto Sans KR&#39;`, which a browser does not undo inside `<style>`
 * and so drops the font-family). A `<` could end the element: refused, so no text can smuggle markup in.
 */
function styleSheet(css: string): SafeHtml {
  if (css.includes('<')) throw new Error('a report style must not contain "<"');
  return new SafeHtml(css);
}

/** A self-contained printable page: the shared style (and any of the report's own), no scripts, a CSP that allows none. */
export function reportPage(title: string, body: SafeHtml, ownStyle = '', lang = 'en'): string {
  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${title}</title>
<style>${styleSheet(STYLE + ownStyle)}</style>
</head>
<body>
${body}
</body>
</html>
`.markup;
}

/** Instants in the calendar's time zone, to the second: "2026-07-06 10:00:00 +09:00". */
function clock(zone: string): (iso: string | null | undefined) => string {
  return (iso) => {
    if (!iso) return '—';
    const at = DateTime.fromISO(iso, { setZone: true }).setZone(zone);
    return at.isValid ? at.toFormat('yyyy-MM-dd HH:mm:ss ZZ') : iso;
  };
}

function exportedBy(e: { exportedAt: string; exportedBy: { id: string; name: string; roles: string[] }; personalDataShown: boolean; breakGlassReason?: string; timeZone: string }): SafeHtml {
  const shown = e.breakGlassReason !== undefined ? html`shown by a break-glass read, for: ${e.breakGlassReason}` : e.personalDataShown ? 'shown' : 'redacted';
  return html`<p class="meta">Exported ${clock(e.timeZone)(e.exportedAt)} by ${e.exportedBy.name || e.exportedBy.id} (${e.exportedBy.id}; ${e.exportedBy.roles.join(', ')}).
Complainant personal data: <strong>${shown}</strong>.</p>`;
}

/** The instants a checklist's texts quote (in UTC, as the JSON has them), for the page's clock. */
const UTC_INSTANT = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z\b/g;

function checklistRow(item: ChecklistItem, at: (iso: string) => string): SafeHtml {
  // One clock on the page: the basis and the gap say their instants as the lines around them do (the auditor tester read the same instant twice).
  const local = (text: string): string => text.replace(UTC_INSTANT, (iso) => at(iso));
  const ev = item.evidence;
  const evidence = ev && html`<div>${ev.type} (revision ${ev.revision}) by ${ev.actorId} as ${ev.actorRole}, ${at(ev.occurredAt)}${ev.basis ? html`<br>Basis: ${local(ev.basis)}` : ''}</div>`;
  return html`<tr data-clause="${item.clause}" data-status="${item.status}">
<td>${item.clause} ${item.title}</td><td class="status-${item.status}">${item.status}</td>
<td>${item.gap ? html`<div class="bad">Gap: ${local(item.gap)}</div>` : ''}${item.reason ? html`<div>${local(item.reason)}</div>` : ''}${evidence}</td></tr>`;
}

/** The complainant's data erased: when, by whom and why, so "[erased]" below is accounted for. */
function erasuresHtml(erasures: CaseEvidence['erasures'], at: (instant: string) => string): SafeHtml {
  return html`<section id="erasure" role="note">
<h2>Personal data erased</h2>
${erasures.map(
  (r) => html`<p>The complainant's personal data was erased on ${at(r.erasedAt)} by ${r.actorId} (${r.actorRole})${r.linked ? ', as a key linked to the one whose erasure was asked for' : ''}. Reason given: ${r.reason}${
    r.complainantKey ? html` (complainant key ${r.complainantKey}${r.linkedTo ? html`, linked to ${r.linkedTo}` : ''})` : ''
  }. Erasure event ${r.eventId}, recorded ${at(r.recordedAt)}.</p>`,
)}
</section>`;
}

export function caseReportHtml(e: CaseEvidence): string {
  const c = e.case;
  const at = clock(e.timeZone);
  const complainant =
    isHidden(c.complainant)
      ? html`<em>${c.complainant.name}</em>`
      : html`${c.complainant.name}${c.complainant.phone ? html`, ${c.complainant.phone}` : ''}${c.complainant.email ? html`, ${c.complainant.email}` : ''}${c.complainant.address ? html`, ${c.complainant.address}` : ''}`;
  const d = e.decision;
  const body = html`<header>
<h1>Complaint ${e.reference || e.complaintId}: evidence report</h1>
${c.confidential
  ? html`<p class="confidential" id="confidential" role="note">Confidential case (whistle-blowing, harassment or the like): its details are for those who handle it; do not pass this report on.</p>`
  : ''}
${exportedBy(e)}
</header>
${e.integrity.intact ? '' : integrityHtml(e.integrity, 'case')}
${e.erasures.length === 0 ? '' : erasuresHtml(e.erasures, at)}
<section id="case">
<h2>Case</h2>
<dl>
<dt>State</dt><dd>${c.state} (revision ${c.revision})</dd>
<dt>Category</dt><dd>${c.category}</dd>
<dt>Channel</dt><dd>${c.channel}${c.route.kind === 'external' ? html`, forwarded by ${c.route.body} (${c.route.reference})` : ', received internally'}</dd>
<dt>Received</dt><dd>${at(c.receivedAt)} (recorded ${at(c.recordedAt)})</dd>
<dt>Department</dt><dd>${c.department ?? '—'}${c.handler ? html` (${c.handler})` : ''}</dd>
<dt>Priority</dt><dd>${c.assessment ? html`${c.assessment.priority}, severity ${c.assessment.severity}${c.assessment.safetyIssue ? ', safety issue' : ''}` : '—'}</dd>
<dt>Complainant</dt><dd>${complainant}${c.vulnerable ? ' (vulnerable complainant)' : ''}</dd>
<dt>Description</dt><dd class="description">${c.description}</dd>
<dt>Remedy sought</dt><dd>${c.remedySought ?? '—'}</dd>
<dt>Closed</dt><dd>${c.closure ? html`${c.closure.as}, ${at(c.closure.at)}${c.closure.reason ? html`: ${c.closure.reason}` : ''}` : 'open'}</dd>
<dt>Reopenings</dt><dd>${c.reopenings}</dd>
</dl>
</section>
<section id="decision">
<h2>Decision</h2>
${d
  ? html`<dl>
<dt>Outcome</dt><dd>${d.outcome}</dd><dt>Basis</dt><dd>${d.basis}</dd><dt>Remedy</dt><dd>${d.remedy ?? '—'}</dd>
<dt>Compensation</dt><dd>${d.compensation ? `${d.compensation.amount} ${d.compensation.currency}` : '—'}</dd>
<dt>Decided</dt><dd>${at(d.decidedAt)}</dd>
<dt>Communicated</dt><dd>${d.communicated ? `${d.communicated.channel}, ${at(d.communicated.at)}` : html`<span class="bad">not communicated</span>`}</dd>
</dl>`
  : html`<p>No decision.</p>`}
</section>
<section id="sla">
<h2>SLA</h2>
<table class="sla">
<thead><tr><th>Period</th><th>Started</th><th>Deadline</th><th>Due</th><th>Status</th><th>Working hours used / paused</th><th>Interim notice</th><th>Stopped</th></tr></thead>
<tbody>
${e.sla.map(
  (p) => html`<tr><td>${p.period}</td><td>${at(p.startedAt)}</td><td>${p.deadlineDays} days</td><td>${at(p.dueAt)}</td>
<td class="status-${p.status}">${slaText(p.status)}${p.breachedAt ? html` since ${at(p.breachedAt)}` : ''}</td><td>${p.workingHoursUsed} / ${p.workingHoursPaused}</td>
<td>${p.interimNoticeSentAt ? `sent ${at(p.interimNoticeSentAt)}` : p.interimNoticeMissing ? html`<span class="bad">missing</span>` : '—'}${p.interimNoticeDueAt ? ` (due ${at(p.interimNoticeDueAt)})` : ''}</td>
<td>${p.stoppedAt ? `${p.stoppedBy}, ${at(p.stoppedAt)}` : '—'}</td></tr>`,
)}
</tbody>
</table>
</section>
<section id="checklist">
<h2>ISO 10002:2018 checklist, clauses 7.2–7.9</h2>
<table class="checklist">
<thead><tr><th>Clause</th><th>Status</th><th>Evidence or gap</th></tr></thead>
<tbody>
${e.checklist.map((item) => checklistRow(item, at))}
</tbody>
</table>
</section>
<section id="timeline">
<h2>Timeline</h2>
<table class="timeline">
<thead><tr><th>Rev.</th><th>Occurred (recorded)</th><th>Event</th><th>Clause</th><th>Actor (role)</th><th>Details</th><th>Hash (previous)</th></tr></thead>
<tbody>
${e.timeline.map(
  (t) => html`<tr data-revision="${t.revision}" data-event-id="${t.eventId}">
<td>${t.revision}</td><td>${at(t.occurredAt)}<br>(recorded ${at(t.recordedAt)})</td><td>${t.type}</td><td>${t.clause} ${t.clauseTitle}</td>
<td>${t.actorId} (${t.actorRole})</td><td class="details">${t.details}</td><td class="hash">${t.hash}<br>(${t.previousHash})</td></tr>`,
)}
</tbody>
</table>
</section>
${e.integrity.intact ? integrityHtml(e.integrity, 'case') : ''}`;
  return reportPage(`Complaint ${e.complaintId}: evidence report`, body);
}

function integrityHtml(integrity: CaseEvidence['integrity'], of: string): SafeHtml {
  const seals =
    integrity.sealsIntact === null
      ? 'the store keeps no seals: the chain alone vouches for it'
      : integrity.sealsIntact
        ? `its events checked against the seals of the global order (sealed up to revision ${integrity.sealedThrough})`
        : 'its events no longer match the seals of the global order: it was rewritten or cut after it was sealed, a recorded time was moved, or a seal covering it was altered';
  return html`<section id="integrity">
<h2>Integrity</h2>
<p class="${integrity.intact ? 'good' : 'bad'}" data-intact="${integrity.intact}" data-failed="${integrity.failed.join('; ')}">${
    integrity.intact ? `The history of the ${of} is intact` : `The history of the ${of} does not verify (failed: ${integrity.failed.join(', ')})`
  }.</p>
<ul>
<li class="${integrity.chainIntact ? 'good' : 'bad'}">Hash chain: ${integrity.chainIntact ? 'intact' : 'broken'}: every event's hash recomputed from its content and the previous hash.</li>
<li class="${integrity.sealsIntact === false ? 'bad' : 'good'}">Seals: ${integrity.sealsIntact === null ? 'none' : integrity.sealsIntact ? 'intact' : 'broken'}: ${seals}.</li>
${integrity.recordedTimesInOrder === false ? html`<li class="bad">Recorded times: out of order: a revision is recorded before the one it follows.</li>` : ''}
</ul>
<ul>${integrity.findings.map((f) => html`<li class="bad">${f.message}</li>`)}</ul>
<p>${integrity.intact ? 'Hash of the newest event' : 'Hash of the newest event as stored'} (revision ${integrity.lastRevision}), ${
    integrity.intact ? 'which vouches for the whole history' : 'which vouches for nothing while the history does not verify'
  }: <span class="hash">${integrity.lastHash}</span></p>
</section>`;
}

/** A summary table's cell: "intact", or "broken" with the checks that failed. */
/** An SLA status in words. */
const slaText = (status: string): string => (status === 'not-applicable' ? 'not applicable' : status);

function integrityCell(r: { intact: boolean; failed: string }): SafeHtml {
  return html`<td class="${r.intact ? 'good' : 'bad'}">${r.intact ? 'intact' : `broken (${r.failed})`}</td>`;
}

export function requestReportHtml(e: RequestEvidence): string {
  const r = e.request;
  const at = clock(e.timeZone);
  const step = (s: { text: string; at: string } | undefined) => (s ? html`${s.text} (${at(s.at)})` : '—');
  const body = html`<header>
<h1>Improvement request ${e.requestId}: evidence report</h1>
${exportedBy({ ...e, personalDataShown: false })}
</header>
${e.integrity.intact ? '' : integrityHtml(e.integrity, 'request')}
<section id="request">
<h2>Request</h2>
<dl>
<dt>State</dt><dd>${r.state} (revision ${r.revision})</dd>
<dt>Department</dt><dd>${r.department}</dd>
<dt>Requested</dt><dd>${at(r.requestedAt)}</dd>
<dt>Due</dt><dd>${r.dueOn}${r.overdue ? html` <span class="bad">overdue</span>` : ''}</dd>
<dt>Complaints behind it</dt><dd class="complaints">${r.complaints.join(', ') || '—'}</dd>
<dt>Category</dt><dd>${r.category ?? '—'}</dd>
<dt>Repeat-offender finding</dt><dd>${r.subject ? `${r.subject.kind} ${r.subject.id}${r.subject.reason ? `: ${r.subject.reason}` : ''}` : '—'}</dd>
<dt>Change</dt><dd>${r.change}</dd>
<dt>Reason</dt><dd>${r.reason}</dd>
<dt>Plan</dt><dd>${step(r.plan)}</dd>
<dt>Implemented</dt><dd>${step(r.implementation)}</dd>
<dt>Result</dt><dd>${step(r.result)}</dd>
<dt>Verified</dt><dd>${r.verification ? html`${at(r.verification.at)}${r.verification.note ? html`: ${r.verification.note}` : ''}` : '—'}</dd>
<dt>Declined</dt><dd>${step(r.decline)}</dd>
<dt>Extensions</dt><dd>${r.extensions.map((x) => html`<div>to ${x.dueOn}: ${x.reason} (${at(x.at)})</div>`)}</dd>
<dt>Committee</dt><dd>${r.committeeDecisions.map((c) => html`<div>${c.decision} by ${c.decidedBy}${c.dueOn ? `, due ${c.dueOn}` : ''}${c.note ? html`: ${c.note}` : ''} (${at(c.at)})</div>`)}</dd>
</dl>
</section>
<section id="timeline">
<h2>Timeline</h2>
${requestTimelineHtml(e.timeline, at)}
</section>
${e.integrity.intact ? integrityHtml(e.integrity, 'request') : ''}`;
  return reportPage(`Improvement request ${e.requestId}: evidence report`, body);
}

/** A request's events as the table of its page shows them, times in the calendar's zone. */
function requestTimelineHtml(timeline: readonly RequestTimelineRow[], at: (instant: string) => string): SafeHtml {
  return html`<table class="timeline">
<thead><tr><th>Rev.</th><th>Occurred (recorded)</th><th>Event</th><th>Actor (role)</th><th>Details</th><th>Hash (previous)</th></tr></thead>
<tbody>
${timeline.map(
  (t) => html`<tr data-revision="${t.revision}" data-event-id="${t.eventId}">
<td>${t.revision}</td><td>${at(t.occurredAt)}<br>(recorded ${at(t.recordedAt)})</td><td>${t.type}</td>
<td>${t.actorId} (${t.actorRole})</td><td class="details">${t.details}</td><td class="hash">${t.hash}<br>(${t.previousHash})</td></tr>`,
)}
</tbody>
</table>`;
}

/** The printable page of a damaged request: why it cannot be read, what verification says, and its events as stored. */
export function damagedRequestReportHtml(e: DamagedRequestEvidence): string {
  const at = clock(e.timeZone);
  const body = html`<header>
<h1>Improvement request ${e.requestId}: evidence report</h1>
${exportedBy({ ...e, personalDataShown: false })}
</header>
<section id="history-damaged">
<h2>History damaged</h2>
<p class="bad" data-history-damaged="true" data-revision="${e.historyDamaged.revision ?? ''}">The stored history of this request is damaged: ${e.historyDamaged.found}.</p>
<p>Its events are given below as they are stored, not replayed: the request's state cannot be told from them.</p>
</section>
${integrityHtml(e.integrity, 'request')}
<section id="timeline">
<h2>Events as stored</h2>
${requestTimelineHtml(e.timeline, at)}
</section>`;
  return reportPage(`Improvement request ${e.requestId}: evidence report (history damaged)`, body);
}

export function summaryReportHtml(s: PeriodSummary, caseLink: (complaintId: string) => string, requestLink: (requestId: string) => string): string {
  const title =
    'quarter' in s.scope ? `Evidence export ${s.scope.quarter}` : 'requestId' in s.scope ? `Evidence export: improvement request ${s.scope.requestId}` : `Evidence export: complaint ${s.scope.complaintId}`;
  const store = s.store;
  const at = clock(s.timeZone);
  const body = html`<header>
<h1>${title}</h1>
${'quarter' in s.scope
  ? html`<p class="meta" id="population">This export holds the cases <strong>received</strong> from ${at(s.scope.from)} to ${at(s.scope.to)} (${s.scope.timeZone}), open and closed: ${s.cases.length}; improvement requests filed: ${s.requests.length}. Times are shown in ${s.scope.timeZone}.</p>`
  : ''}
${exportedBy(s)}
</header>
<section id="store">
<h2>Integrity of the records</h2>
${store
  ? html`<p class="${store.ok ? 'good' : 'bad'}">${store.ok ? 'Every event and seal of the store verified' : `Tampering found: ${store.firstMismatch?.message ?? ''}`} (${store.events} events, checked ${at(store.checkedAt)}).</p>
<p>${store.seals.latest
      ? html`Latest seal ${store.seals.latest.number}, digest <span class="hash">${store.seals.latest.digest}</span>, sealed ${at(store.seals.latest.sealedAt)}; keep this digest outside the system to compare later.`
      : 'No seal yet.'} Events not yet sealed: ${store.unsealedEvents}.</p>`
  : html`<p>The store cannot verify its integrity.</p>`}
</section>
<section id="conformity">
<h2>ISO 10002 conformity per clause, of ${s.conformity.population}</h2>
<p>Of the ${s.conformity.cases} cases ${'quarter' in s.scope ? 'received in the quarter' : 'exported'}: judged whole without any gap ${s.conformity.conforming.count};
open, without a gap so far ${s.conformity.open.count}; with a gap ${s.conformity.withGaps.count}.
Satisfaction surveyed (8.3): ${s.conformity.satisfactionSurveyed.count}.
${'quarter' in s.scope ? 'GET /audit/conformity counts the cases closed in the quarter instead.' : ''}</p>
<table class="conformity">
<thead><tr><th>Clause</th><th>Evidenced</th><th>Gaps</th><th>Not applicable</th><th>Not yet</th><th>Share conforming</th></tr></thead>
<tbody>
${s.conformity.clauses.map(
  (c) => html`<tr data-clause="${c.clause}"><td>${c.clause} ${c.title}</td><td>${c.evidenced}</td><td>${c.gaps}</td><td>${c.notApplicable}</td><td>${c.notYet}</td>
<td>${c.share === null ? '—' : `${Math.round(c.share * 1000) / 10}%`}</td></tr>`,
)}
</tbody>
</table>
</section>
<section id="cases">
<h2>Cases</h2>
<table class="cases">
<thead><tr><th>Complaint</th><th>Category</th><th>Department</th><th>State</th><th>Received</th><th>Closed</th><th>Outcome</th><th>SLA</th><th>Gaps</th><th>History</th></tr></thead>
<tbody>
${s.cases.map(
  (r) => html`<tr data-complaint-id="${r.complaintId}"><td><a href="${caseLink(r.complaintId)}">${r.complaintId}</a></td><td>${r.category}</td><td>${r.department || '—'}</td>
<td>${r.state}</td><td>${at(r.receivedAt)}</td><td>${r.closedAs ? `${r.closedAs}, ${at(r.closedAt)}` : '—'}</td><td>${r.outcome || '—'}</td>
<td class="status-${r.slaStatus}">${slaText(r.slaStatus)}</td><td class="${r.gaps ? 'bad' : 'good'}">${r.gaps || 'none'}</td>${integrityCell(r)}</tr>`,
)}
</tbody>
</table>
</section>
<section id="requests">
<h2>Improvement requests</h2>
<table class="requests">
<thead><tr><th>Request</th><th>Department</th><th>State</th><th>Requested</th><th>Due</th><th>Complaints</th><th>History</th></tr></thead>
<tbody>
${s.requests.map(
  (r) => html`<tr data-request-id="${r.requestId}"><td><a href="${requestLink(r.requestId)}">${r.requestId}</a></td><td>${r.department}</td><td>${r.state}</td>
<td>${at(r.requestedAt)}</td><td class="${r.overdue ? 'bad' : ''}">${r.dueOn}${r.overdue ? ' (overdue)' : ''}</td><td>${r.complaints || '—'}</td>
${integrityCell(r)}</tr>`,
)}
</tbody>
</table>
</section>`;
  return reportPage(title, body);
}
