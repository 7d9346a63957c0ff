import { useState } from 'preact/hooks';
import { cached, getOptional, query } from '../api';
import { ErrorMessage, Loading, NotAvailable, shortId, usePageTitle } from '../components';
import { useUi } from '../context';
import { download, toCsv } from '../download';
import { useLoad } from '../load';
import { href } from '../router';
import type { Catalog } from '../types';

interface CaseRef {
  complaintId: string;
  receivedAt: string;
  category: string;
}

/** GET /reports/repeat-offenders?year= (src/reports/repeat-offenders.queries.ts). */
export interface RepeatOffenderReport {
  year: number;
  threshold: number;
  offenders: { subject: { id: string; kind: string }; reason: string; count: number; flagged: boolean; cases: CaseRef[] }[];
  repeatComplainants: { key: string; count: number; cases: CaseRef[] }[];
  topCategories: { category: string; count: number }[];
}

/** The repeat-offender table of a year, with the most frequent categories, and CSV of what is shown. */
export function RepeatOffendersPage() {
  const { t, tl, name, language } = useUi();
  const thisYear = new Date().getFullYear();
  const years = [0, 1, 2, 3, 4].map((n) => thisYear - n);
  const [year, setYear] = useState(thisYear);
  const [loaded, reload] = useLoad(
    () => Promise.all([getOptional<RepeatOffenderReport>(query('/reports/repeat-offenders', { year })), cached<Catalog>('/catalog')]),
    [year],
  );
  usePageTitle(t('repeat.title'));

  const categoryName = (catalog: Catalog, code: string) => name(catalog.categories.find((c) => c.code === code)?.name, code);

  function csv(report: RepeatOffenderReport, catalog: Catalog) {
    const rows: unknown[][] = [[t('repeat.col.subject'), t('repeat.col.kind'), t('repeat.col.reason'), t('repeat.col.count'), t('repeat.col.flagged'), t('repeat.col.cases')]];
    for (const o of report.offenders) rows.push([o.subject.id, tl('value', o.subject.kind), categoryName(catalog, o.reason), o.count, o.flagged ? t('common.yes') : t('common.no'), o.cases.map((c) => c.complaintId).join(' ')]);
    download(`repeat-offenders-${report.year}-${language}.csv`, toCsv(rows), 'text/csv');
  }

  return (
    <>
      <h1>{t('repeat.title')}</h1>
      <p class="help">{t('repeat.help')}</p>
      <form class="filters panel" onSubmit={(e) => e.preventDefault()}>
        <div class="field">
          <label for="repeat-year">{t('repeat.year')}</label>
          <select id="repeat-year" value={String(year)} onChange={(e) => setYear(Number(e.currentTarget.value))}>
            {years.map((y) => (
              <option key={y}>{y}</option>
            ))}
          </select>
        </div>
      </form>
      {loaded.status === 'loading' && <Loading />}
      {loaded.status === 'failed' && <ErrorMessage error={loaded.error} onRetry={reload} />}
      {loaded.status === 'ready' && loaded.value[0].kind !== 'ready' && <NotAvailable route="GET /reports/repeat-offenders" forbidden={loaded.value[0].kind === 'forbidden'} />}
      {loaded.status === 'ready' && loaded.value[0].kind === 'ready' && (() => {
        const report = loaded.value[0].value;
        const catalog = loaded.value[1];
        return (
          <>
            <section class="panel" aria-labelledby="offenders">
              <h2 id="offenders">
                {t('repeat.title')} · {report.year}
              </h2>
              <p class="help">{t('repeat.threshold', { threshold: report.threshold })}</p>
              <div class="actions">
                <button type="button" onClick={() => csv(report, catalog)}>
                  {t('common.downloadCsv')}
                </button>
              </div>
              {report.offenders.length === 0 ? (
                <p>{t('repeat.empty')}</p>
              ) : (
                <div class="table-wrap">
                  <table class="responsive" id="offenders-table">
                    <thead>
                      <tr>
                        <th scope="col">{t('repeat.col.subject')}</th>
                        <th scope="col">{t('repeat.col.kind')}</th>
                        <th scope="col">{t('repeat.col.reason')}</th>
                        <th scope="col">{t('repeat.col.count')}</th>
                        <th scope="col">{t('repeat.col.flagged')}</th>
                        <th scope="col">{t('repeat.col.cases')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {report.offenders.map((o) => (
                        <tr key={`${o.subject.kind}:${o.subject.id}:${o.reason}`}>
                          <th scope="row" data-label={t('repeat.col.subject')}>
                            {o.subject.id}
                          </th>
                          <td data-label={t('repeat.col.kind')}>{tl('value', o.subject.kind)}</td>
                          <td data-label={t('repeat.col.reason')}>{categoryName(catalog, o.reason)}</td>
                          <td data-label={t('repeat.col.count')}>{o.count}</td>
                          <td data-label={t('repeat.col.flagged')}>{o.flagged ? <span class="badge sla-breached">{t('repeat.flagged')}</span> : t('common.no')}</td>
                          <td data-label={t('repeat.col.cases')}>
                            <ul class="inline">
                              {o.cases.map((c) => (
                                <li key={c.complaintId}>
                                  <a href={href.case(c.complaintId)} title={c.complaintId}>
                                    {shortId(c.complaintId)}
                                  </a>
                                </li>
                              ))}
                            </ul>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </section>
            <section class="panel" aria-labelledby="top-categories">
              <h2 id="top-categories">{t('repeat.topCategories')}</h2>
              <div class="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('inbox.col.category')}</th>
                      <th scope="col">{t('repeat.col.received')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {report.topCategories.map((c) => (
                      <tr key={c.category}>
                        <th scope="row">{categoryName(catalog, c.category)}</th>
                        <td>{c.count}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          </>
        );
      })()}
    </>
  );
}
