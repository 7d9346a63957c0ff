/** The yearly report as one printable page (A4), Korean and English labels, figures as tables and inline SVG bars. */
import { findingReasonsOf, type Catalog, type LocalisedName, type SubjectKind } from '../../domain/catalog.js';
import type { ImprovementState } from '../../domain/improvement/lifecycle.js';
import type { DepartmentEvaluation, SatisfactionFigures, StaffSurveyFigures } from '../../projections/yearly.js';
import { html, reportPage, type SafeHtml } from '../audit/index.js';
import type { Beside, ReductionPlan, YearlySatisfaction } from './yearly.queries.js';

export interface YearlyReport {
  satisfaction: YearlySatisfaction;
  departments: { departments: DepartmentEvaluation[] };
  staff: { questions: { code: string; name: LocalisedName }[]; overall: Beside<StaffSurveyFigures>; answersWithheld: Beside<number>; departments: ({ department: string } & Beside<StaffSurveyFigures>)[]; departmentsWithheld: number; minimumAnswersPerDepartment: number };
  plan: ReductionPlan;
  generatedAt: string;
}

const STYLE = `
  @page { size: A4; margin: 15mm; }
  :root { font-family: 'Noto Sans KR', system-ui, 'DejaVu Sans', Arial, sans-serif; font-size: 10pt; color: #111; }
  body { margin: 2em auto; max-width: 60em; padding: 0 1em; }
  h1 { font-size: 1.5em; margin-bottom: .2em; } h2 { font-size: 1.15em; border-bottom: 1px solid #999; margin-top: 1.6em; }
  .meta, .note { color: #444; } table { border-collapse: collapse; width: 100%; margin: .5em 0; }
  th, td { border: 1px solid #bbb; padding: .2em .4em; text-align: left; vertical-align: middle; } th { background: #eee; }
  td.n { text-align: right; font-variant-numeric: tabular-nums; } .en { color: #555; font-size: .9em; }
  svg.bar { display: block; } .up { color: #060; } .down { color: #a00; }
  @media print { body { margin: 0; max-width: none; } section, tr { break-inside: avoid; } h2 { break-after: avoid; } }
`;

const label = (ko: string, en: string) => html`${ko} <span class="en">${en}</span>`;

/** What a subject found at fault is, and where an improvement request stands, as the console names them. */
const SUBJECT_KIND_NAMES: Record<SubjectKind, LocalisedName> = { employee: { ko: '직원', en: 'Employee' }, unit: { ko: '부서', en: 'Unit' }, supplier: { ko: '공급업체', en: 'Supplier' } };
const IMPROVEMENT_STATE_NAMES: Record<ImprovementState, LocalisedName> = {
  new: { ko: '신규', en: 'New' },
  requested: { ko: '요구됨', en: 'Requested' },
  planned: { ko: '계획 수립', en: 'Planned' },
  implemented: { ko: '개선 완료', en: 'Implemented' },
  'result-reported': { ko: '결과 통보', en: 'Result reported' },
  verified: { ko: '확인 완료', en: 'Verified' },
  declined: { ko: '불수용', en: 'Declined' },
};
const nameOf = (name: LocalisedName | undefined, code: string) => (name ? label(name.ko, name.en) : code);
const fmt = (n: number | null | undefined, digits = 2) => (n === null || n === undefined ? '—' : (Math.round(n * 10 ** digits) / 10 ** digits).toLocaleString('en'));
const pct = (share: number | null) => (share === null ? '—' : `${fmt(share * 100, 1)}%`);

/** This year's bar over last year's, on 0–max. */
function bars(value: number | null, previous: number | null, max = 100): SafeHtml {
  const w = (v: number | null) => (v === null || max <= 0 ? 0 : Math.max(0, Math.min(1, v / max)) * 160);
  return html`<svg class="bar" width="160" height="18" role="img" aria-label="${fmt(value)} (${fmt(previous)})" xmlns="http://www.w3.org/2000/svg">
<rect x="0" y="1" width="${w(value)}" height="9" fill="#2a6fdb"></rect><rect x="0" y="11" width="${w(previous)}" height="6" fill="#bbb"></rect></svg>`;
}

function change(value: number | null, previous: number | null): SafeHtml {
  if (value === null || previous === null) return html`—`;
  const d = value - previous;
  return html`<span class="${d > 0 ? 'up' : d < 0 ? 'down' : ''}">${d > 0 ? '+' : ''}${fmt(d)}</span>`;
}

function satisfactionRows(rows: { name: SafeHtml | string; value: SatisfactionFigures; previous: SatisfactionFigures }[]): SafeHtml {
  return html`<table><thead><tr><th>${label('구분', 'Unit')}</th><th>${label('응답', 'Surveys')}</th><th>${label('만족도 지수', 'Index')}</th><th>${label('전년', 'Last year')}</th><th>${label('증감', 'Change')}</th><th></th></tr></thead>
<tbody>${rows.map((r) => html`<tr><td>${r.name}</td><td class="n">${r.value.surveys}</td><td class="n">${fmt(r.value.index)}</td><td class="n">${fmt(r.previous.index)}</td>
<td class="n">${change(r.value.index, r.previous.index)}</td><td>${bars(r.value.index, r.previous.index)}</td></tr>`)}</tbody></table>`;
}

export function yearlyReportHtml(r: YearlyReport, catalog: Catalog): string {
  const { satisfaction: s, plan } = r;
  const department = (code: string) => nameOf(catalog.departments.find((d) => d.code === code)?.name, code);
  const category = (code: string | null) => (code === null ? '—' : nameOf(catalog.categories.find((c) => c.code === code)?.name, code));
  const reason = (code: string) => nameOf(findingReasonsOf(catalog).find((x) => x.code === code)?.name, code);
  const maxComplaints = Math.max(1, ...plan.categories.map((c) => Math.max(c.complaints, c.previous)));
  const body = html`<header>
<h1>${s.year}년 고객불만 연간 보고서 <span class="en">Yearly complaint report ${s.year}</span></h1>
<p class="meta">${label(`전년(${s.previousYear}) 대비`, `beside ${s.previousYear}`)} · ${label('작성', 'made')} ${r.generatedAt}. ${label('막대: 올해(파랑), 전년(회색)', 'Bars: this year (blue), last year (grey)')}</p>
</header>
<section id="qpsi">
<h2>${label('불만고객 만족도 (QPSI)', 'Complainants’ satisfaction')}</h2>
<p>${label('조사 대상(전수조사): 종결된 고객불만', 'Coverage: complaints closed in the year')} ${s.coverage.value.closed},
${label('조사', 'surveyed')} ${s.coverage.value.surveyed} (${pct(s.coverage.value.share)}; ${label('전년', 'last year')} ${pct(s.coverage.previous.share)}).</p>
<table><thead><tr><th>${label('조사요소', 'Element')}</th><th>${label('응답', 'Answers')}</th><th>${label('점수 (0–100)', 'Score (0–100)')}</th><th>${label('전년', 'Last year')}</th><th></th></tr></thead>
<tbody>${s.elements.map((e) => {
    const now = s.overall.value.elements[e.code];
    const before = s.overall.previous.elements[e.code];
    return html`<tr data-element="${e.code}"><td>${label(e.name.ko, e.name.en)}</td><td class="n">${now?.answers ?? 0}</td><td class="n">${fmt(now?.mean)}</td><td class="n">${fmt(before?.mean)}</td><td>${bars(now?.mean ?? null, before?.mean ?? null)}</td></tr>`;
  })}
<tr><th>${label('만족도 지수', 'Satisfaction index')}</th><td class="n">${s.overall.value.surveys}</td><td class="n"><strong>${fmt(s.overall.value.index)}</strong></td><td class="n">${fmt(s.overall.previous.index)}</td><td>${bars(s.overall.value.index, s.overall.previous.index)}</td></tr>
</tbody></table>
<h3>${label('부서별', 'By department')}</h3>
${satisfactionRows(s.departments.map((d) => ({ name: department(d.department), value: d.value, previous: d.previous })))}
<h3>${label('유형별', 'By category')}</h3>
${satisfactionRows(s.categories.map((c) => ({ name: category(c.category), value: c.value, previous: c.previous })))}
</section>
<section id="departments">
<h2>${label('부서 만족업무평가', 'Department evaluation')}</h2>
<table><thead><tr><th>${label('부서', 'Department')}</th><th>${label('처리기한 준수', 'SLA')}</th><th>${label('만족도', 'Satisfaction')}</th><th>${label('반복 발생자', 'Repeat offenders')}</th><th>${label('제도개선 기한 내', 'Improvements on time')}</th><th>${label('점수', 'Score')}</th><th>${label('등급', 'Grade')}</th><th>${label('전년 대비', 'Change')}</th><th></th></tr></thead>
<tbody>${r.departments.departments.map((d) => html`<tr data-department="${d.department}"><td>${department(d.department)}</td><td class="n">${fmt(d.measures.slaCompliance)}</td><td class="n">${fmt(d.measures.satisfactionIndex)}</td>
<td class="n">${d.figures.repeatOffendersFlagged}</td><td class="n">${fmt(d.measures.improvementsOnTime)}</td><td class="n"><strong>${fmt(d.score)}</strong></td><td>${d.grade ?? '—'}</td>
<td class="n">${change(d.score, d.previous.score)}</td><td>${bars(d.score, d.previous.score)}</td></tr>`)}</tbody></table>
</section>
<section id="staff">
<h2>${label('처리담당자 직무 만족도', 'Handling staff’s job satisfaction')}</h2>
<p>${label('응답', 'Answers')} ${r.staff.overall.value.answers} (${label('전년', 'last year')} ${r.staff.overall.previous.answers}; ${label('제외', 'withheld')} ${r.staff.answersWithheld.value}). ${label(`익명 보호: 응답 ${r.staff.minimumAnswersPerDepartment}건 미만 부서는 표시하지 않음`, `Anonymity: departments with fewer than ${r.staff.minimumAnswersPerDepartment} answers are not shown`)} (${r.staff.departmentsWithheld}).</p>
<table><thead><tr><th>${label('문항', 'Question')}</th><th>${label('점수 (0–100)', 'Score (0–100)')}</th><th>${label('전년', 'Last year')}</th><th></th></tr></thead>
<tbody>${r.staff.questions.map((q) => {
    const now = r.staff.overall.value.questions[q.code]?.mean ?? null;
    const before = r.staff.overall.previous.questions[q.code]?.mean ?? null;
    return html`<tr data-question="${q.code}"><td>${label(q.name.ko, q.name.en)}</td><td class="n">${fmt(now)}</td><td class="n">${fmt(before)}</td><td>${bars(now, before)}</td></tr>`;
  })}</tbody></table>
</section>
<section id="reduction-plan">
<h2>${label('고객불만 감소 계획', 'Complaint-reduction plan')}</h2>
<table><thead><tr><th>${label('유형', 'Category')}</th><th>${label('건수', 'Complaints')}</th><th>${label('분기별', 'By quarter')}</th><th>${label('전년', 'Last year')}</th><th>${label('추세', 'Trend')}</th><th></th></tr></thead>
<tbody>${plan.categories.map((c) => html`<tr data-category="${c.code}"><td>${c.frequent ? html`<strong>${category(c.code)}</strong>` : category(c.code)}</td><td class="n">${c.complaints}</td><td class="n">${c.quarters.join(' / ')}</td>
<td class="n">${c.previous}</td><td class="n">${pct(c.trend)}</td><td>${bars(c.complaints, c.previous, maxComplaints)}</td></tr>`)}</tbody></table>
<h3>${label('귀책 사유', 'Subjects found at fault')}</h3>
<table><thead><tr><th>${label('대상', 'Kind')}</th><th>${label('사유', 'Reason')}</th><th>${label('건수', 'Findings')}</th><th>${label('전년', 'Last year')}</th></tr></thead>
<tbody>${plan.subjects.map((x) => html`<tr><td>${nameOf(SUBJECT_KIND_NAMES[x.kind], x.kind)}</td><td>${reason(x.reason)}</td><td class="n">${x.findings}</td><td class="n">${x.previous}</td></tr>`)}</tbody></table>
<h3>${label('대책 (제도개선 요구)', 'Measures (improvement requests)')}</h3>
<table><thead><tr><th>${label('유형', 'Category')}</th><th>${label('요구', 'Requests')}</th><th>${label('상태', 'State')}</th><th>${label('기한 경과', 'Overdue')}</th></tr></thead>
<tbody>${plan.measures.map((m) => html`<tr><td>${category(m.category)}</td><td class="n">${m.requests}</td><td>${Object.entries(m.byState).map(([state, n], i) => html`${i > 0 ? ', ' : ''}${nameOf(IMPROVEMENT_STATE_NAMES[state as ImprovementState], state)} ${n}`)}</td><td class="n">${m.overdue}</td></tr>`)}</tbody></table>
</section>`;
  return reportPage(`Yearly complaint report ${s.year}`, body, STYLE, 'ko');
}
