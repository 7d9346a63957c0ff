/** The printable report of an evaluation: Korean and English labels, charts as inline SVG, A4. */
import { DateTime } from 'luxon';
import { ACTION_KINDS, RATINGS, type ActionKind, type Rating } from '../../domain/evaluation/indicators.js';
import { html, reportPage, type SafeHtml } from '../audit/index.js';
import type { EvaluationView } from './evaluation-view.js';

const OWN_STYLE = `
  @page { size: A4; margin: 15mm 12mm; }
  body { max-width: 186mm; }
  .bilingual { color: #444; font-weight: normal; font-size: .85em; }
  svg { width: 100%; height: auto; display: block; }
  .charts { display: grid; grid-template-columns: 1fr; gap: .8em; } figure { margin: 0; break-inside: avoid; } figcaption { font-weight: 600; margin-bottom: .3em; }
  td, th { overflow-wrap: anywhere; }
  .rating-met { color: #060; } .rating-partly-met { color: #8a5a00; } .rating-not-met { color: #a00; }
  .seal { border: 2px solid #333; padding: .5em 1em; display: inline-block; }
  @media print { body { margin: 0; max-width: none; } }
`;

const RATING_LABEL: Record<Rating, string> = { met: '충족 Met', 'partly-met': '부분 충족 Partly met', 'not-met': '미충족 Not met' };
const RATING_COLOUR: Record<Rating, string> = { met: '#2e7d32', 'partly-met': '#f9a825', 'not-met': '#c62828' };
const KIND_LABEL: Record<ActionKind, string> = {
  'process-improvement': '불만처리 절차 개선 Process improvement',
  'service-proposal': '서비스 개선 제안 Service proposal',
  'resource-need': '인적·물적 자원 Resource need',
};

const percent = (share: number | null | undefined): string => (share === null || share === undefined ? '—' : `${Math.round(share * 1000) / 10}%`);

/** Horizontal bars, 0–1 shares (or values over `max`), this quarter beside the previous one when given. */
function bars(label: string, rows: { label: string; value: number | null; previous?: number | null }[], max = 1, format: (v: number | null) => string = percent): SafeHtml {
  const rowHeight = 22;
  const width = 600;
  const left = 190;
  const barWidth = (v: number | null | undefined) => (v === null || v === undefined ? 0 : Math.max(0, Math.min(1, v / max)) * (width - left - 70));
  const height = rows.length * rowHeight + 10;
  return html`<figure><figcaption>${label}</figcaption>
<svg viewBox="0 0 ${width} ${height}" role="img" aria-label="${label}" xmlns="http://www.w3.org/2000/svg">
${rows.map((row, i) => {
  const y = 5 + i * rowHeight;
  return html`<g>
<text x="0" y="${y + 14}" font-size="11">${row.label}</text>
${row.previous !== undefined ? html`<rect x="${left}" y="${y + 12}" width="${barWidth(row.previous)}" height="6" fill="#bbb"><title>previous ${format(row.previous ?? null)}</title></rect>` : ''}
<rect x="${left}" y="${y + 3}" width="${barWidth(row.value)}" height="${row.previous !== undefined ? 9 : 14}" fill="#1f5fa8"><title>${format(row.value)}</title></rect>
<text x="${left + barWidth(row.value) + 4}" y="${y + 12}" font-size="10">${format(row.value)}</text>
</g>`;
})}
</svg></figure>`;
}

/** The twelve indicators as a strip of cells coloured by their rating. */
function ratingStrip(view: EvaluationView): SafeHtml {
  const cell = 48;
  return html`<figure><figcaption>평가지표 판정 Judgements of the indicators</figcaption>
<svg viewBox="0 0 ${cell * 12} ${cell + 20}" role="img" aria-label="Judgements of the twelve indicators" xmlns="http://www.w3.org/2000/svg">
${view.indicators.map((indicator, i) => {
  const rating = view.judgements[indicator.code as keyof typeof view.judgements]?.rating;
  return html`<g><rect x="${i * cell + 2}" y="2" width="${cell - 4}" height="${cell - 4}" fill="${rating ? RATING_COLOUR[rating] : '#eee'}" stroke="#555"><title>${indicator.code}: ${rating ?? 'not judged'}</title></rect>
<text x="${i * cell + cell / 2}" y="${cell / 2 + 6}" font-size="16" text-anchor="middle" fill="${rating ? '#fff' : '#333'}">${indicator.code}</text>
<text x="${i * cell + cell / 2}" y="${cell + 14}" font-size="9" text-anchor="middle">${rating ?? '—'}</text></g>`;
})}
</svg></figure>`;
}

export function evaluationReportHtml(view: EvaluationView, headHash: string, printedAt: string): string {
  const e = view.evidence;
  const f = e.quarterly.figures;
  const at = (iso: string | undefined) => (iso ? DateTime.fromISO(iso, { setZone: true }).setZone(e.timeZone).toFormat('yyyy-MM-dd HH:mm ZZ') : '—');
  const ratingCounts = RATINGS.map((r) => ({ label: RATING_LABEL[r], value: Object.values(view.judgements).filter((j) => j?.rating === r).length }));
  const body = html`<header>
<h1>${view.quarter} CCMS 운영성과 평가 <span class="bilingual">Operating-performance evaluation</span></h1>
<p class="meta">004 CCMS 매뉴얼 5장 4 — "분기마다 전분기의 CCMS의 운영성과를 평가하고 평가기록을 보존하며 개선토록 함".
Status 상태: <strong>${view.status === 'signed' ? '서명됨 Signed' : '초안 Draft'}</strong> (revision ${view.revision}); drafted 작성 ${at(view.draftedAt)};
evidence gathered 근거 수집 ${at(e.gatheredAt)}; printed 출력 ${at(printedAt)}.</p>
${view.signature
  ? html`<p class="seal">서명 Signed by ${view.signature.name || view.signature.signedBy} (${view.signature.signedBy}, ${view.signature.role}), ${at(view.signature.signedAt)}.
Hash chain head 해시: <span class="hash">${headHash}</span></p>`
  : html`<p class="bad">서명 전 초안 Draft, not signed. Not judged 미판정: ${view.unjudged.join(', ') || '—'}</p>`}
</header>
<section id="charts">
<h2>요약 <span class="bilingual">Summary</span></h2>
<div class="charts">
${ratingStrip(view)}
${bars('판정 분포 Ratings', ratingCounts, 12, (v) => String(v ?? 0))}
${bars('처리 성과 Handling (this quarter, previous in grey)', [
  { label: '기한 준수 SLA compliance', value: f.slaCompliance.value, previous: f.slaCompliance.previous },
  { label: '중간 안내 Interim notices', value: f.interimNoticeCompliance.value, previous: f.interimNoticeCompliance.previous },
  { label: '재조사 Reopened', value: f.reopenRate.value, previous: f.reopenRate.previous },
  { label: '원인 기록 Root cause recorded', value: e.causes.completeness },
])}
${bars('ISO 10002 조항별 적합 Conformity per clause', e.policy.conformity.clauses.map((c) => ({ label: `${c.clause} ${c.title}`, value: c.share })))}
</div>
</section>
<section id="evidence">
<h2>근거 <span class="bilingual">Evidence from the engine (${e.from} – ${e.to}, ${e.timeZone})</span></h2>
<table>
<thead><tr><th>지표 Indicator</th><th>근거 Evidence</th></tr></thead>
<tbody>
<tr><td>바 발생규모·심각성 Volume, severity</td><td>received 접수 ${f.received.value} (previous ${f.received.previous}); complaints 불만 ${f.complaints.value}; urgent 긴급 ${e.severity.urgent};
by severity 심각도: ${Object.entries(e.severity.bySeverity).map(([k, v]) => `${k} ${v}`).join(', ') || '—'}; unassessed 미평가 ${e.severity.unassessed}</td></tr>
<tr><td>사 원인 규명·기록 Causes</td><td>closed 종결 ${e.causes.closed}; with findings 조사결과 ${e.causes.withFindings}; root cause recorded 원인 기록 ${e.causes.withRootCause} (${percent(e.causes.completeness)})</td></tr>
<tr><td>아 시정·예방조치 Corrective actions</td><td>improvement requests filed 제도개선 요구 ${e.corrective.filed} (${Object.entries(e.corrective.byState).map(([k, v]) => `${k} ${v}`).join(', ') || '—'});
implemented in the quarter 이행 ${e.corrective.implementedInQuarter}; open at drafting 미완료 ${e.corrective.open}</td></tr>
<tr><td>자 위반행위 조치 Violations</td><td>repeat offenders flagged 반복 ${e.violations.flaggedRepeatOffenders ?? '—'}; judged 판정 ${e.violations.judged}, unfit 부적격 ${e.violations.unfit}, personnel measures 인사조치 ${e.violations.personnelMeasures}; training referrals 교육 회부 ${e.violations.trainingReferrals}</td></tr>
<tr><td>차 방침에 따른 처리 Per policy</td><td>SLA compliance 기한 준수 ${percent(e.policy.slaCompliance)}; interim notices 중간 안내 ${percent(e.policy.interimNoticeCompliance)};
ISO 10002 conforming cases 적합 ${e.policy.conformity.conforming.count} of ${e.policy.conformity.cases} (${percent(e.policy.conformity.conforming.share)})</td></tr>
<tr><td>카 내부감시 Internal monitoring</td><td>ad-hoc inspections 수시 평가 ${e.monitoring.inspections}${e.monitoring.inspectionIds.length ? html`: ${e.monitoring.inspectionIds.join(', ')}` : ''}</td></tr>
<tr><td>타 교육 Training</td><td>referred 회부 ${e.training.referred} (${e.training.employees} employees 명); completed 이수 ${e.training.completed}</td></tr>
<tr><td>만족도 Satisfaction</td><td>responses 응답 ${e.satisfaction.responses}; index 지수 ${e.satisfaction.index ?? '—'} (previous ${f.satisfactionIndex.previous ?? '—'})</td></tr>
</tbody>
</table>
</section>
<section id="judgements">
<h2>평가지표별 판정 <span class="bilingual">Judgement per indicator</span></h2>
<table>
<thead><tr><th>지표 Indicator</th><th>판정 Rating</th><th>근거 Notes and attachments</th></tr></thead>
<tbody>
${view.indicators.map((indicator) => {
  const j = view.judgements[indicator.code as keyof typeof view.judgements];
  return html`<tr data-indicator="${indicator.code}"><td><strong>${indicator.code}</strong> ${indicator.ko}<br><span class="bilingual">${indicator.en}</span></td>
<td class="${j ? `rating-${j.rating}` : 'bad'}">${j ? RATING_LABEL[j.rating] : '미판정 Not judged'}</td>
<td>${j ? html`${j.notes}${j.attachments.length ? html`<br>첨부 Attachments: ${j.attachments.join(', ')}` : ''}<br><span class="meta">${at(j.judgedAt)}</span>` : '—'}</td></tr>`;
})}
</tbody>
</table>
</section>
<section id="actions">
<h2>결정 및 조치 <span class="bilingual">Decisions and actions</span></h2>
${ACTION_KINDS.map((kind) => {
  const actions = view.actions.filter((a) => a.kind === kind);
  return html`<h3>${KIND_LABEL[kind]}</h3>${actions.length === 0
    ? html`<p>—</p>`
    : html`<table><thead><tr><th>조치 Action</th><th>담당 Owner</th><th>기한 Due</th><th>상태 Status</th><th>후속조치 Follow-up</th></tr></thead><tbody>
${actions.map((a) => html`<tr><td>${a.text}</td><td>${a.owner}</td><td>${a.dueOn}</td><td>${a.status}</td>
<td>${a.updates.map((u) => html`<div>${at(u.at)}: ${u.note}</div>`)}${a.completion ? html`<div class="good">완료 Completed ${at(a.completion.at)}: ${a.completion.note}</div>` : ''}</td></tr>`)}
</tbody></table>`}`;
})}
</section>
<section id="follow-up">
<h2>이전 평가에 따른 후속조치 <span class="bilingual">Follow-up of earlier evaluations' actions</span></h2>
${view.followUp.length === 0
  ? html`<p>None open when drafted. 작성 시 미완료 조치 없음.</p>`
  : html`<table><thead><tr><th>분기 Quarter</th><th>조치 Action</th><th>담당 Owner</th><th>기한 Due</th><th>작성 시 At drafting</th><th>현재 Now</th></tr></thead><tbody>
${view.followUp.map((a) => html`<tr><td>${a.quarter}</td><td>${a.text}</td><td>${a.owner}</td><td>${a.dueOn}</td>
<td>${view.carriedOver.find((c) => c.quarter === a.quarter && c.actionId === a.actionId)?.status ?? '—'}</td><td>${a.status}</td></tr>`)}
</tbody></table>`}
</section>
${view.addenda.length > 0
  ? html`<section id="addenda"><h2>추록 <span class="bilingual">Addenda after signing</span></h2>
${view.addenda.map((a) => html`<p>${at(a.at)}: ${a.text}${a.attachments.length ? html` (첨부 Attachments: ${a.attachments.join(', ')})` : ''}</p>`)}</section>`
  : ''}`;
  return reportPage(`${view.quarter} CCMS 운영성과 평가 / Operating-performance evaluation`, body, OWN_STYLE, 'ko');
}
