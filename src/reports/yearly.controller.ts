import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/nest.js';
import { noQueryParameters } from '../http/index.js';
import { FromReadModels } from '../http/nest.js';
import { yearlyReportHtml } from './yearly-html.js';
import { Reporting } from './reporting.js';
import { yearOf, YearlyReports, type ReductionPlan, type YearlySatisfaction } from './yearly.queries.js';

/** A department's staff figures are shown only from this many answers: fewer could point at a person. */
export const MINIMUM_ANSWERS_PER_DEPARTMENT = 5;

/** The yearly reports (004 seed ch. 5 §2 and §4, 000 seed 만족업무평가), each with the previous year beside it. */
@ApiTags('reports')
@Controller('reports/yearly/:year')
@Roles('complaints-office', 'manager', 'auditor', 'admin')
@FromReadModels()
export class YearlyReportsController {
  constructor(
    private readonly reports: YearlyReports,
    private readonly reporting: Reporting,
  ) {}

  /** 불만고객 만족도 (QPSI): coverage of the closed complaints (전수조사), per element means on 0–100 and the index, per department and category. */
  @ApiOperation({
    summary: "A year's complainant satisfaction (QPSI): coverage, elements, index per department and category",
    description:
      '`coverage.closed`: the distinct complaints closed in the year, each once however often it was closed again after a reopening ' +
      '(the quarterly report’s `figures.closed` counts closings), closed as complainant unreachable apart; `coverage.surveyed`: of those, the ones surveyed after a closing of the year.',
  })
  @Get('satisfaction')
  satisfaction(@Param('year') year: string, @Query() query: Record<string, unknown>): Promise<YearlySatisfaction> {
    noQueryParameters(query);
    return this.reports.satisfaction(yearOf(year));
  }

  /** 처리담당자 만족도: the staff's anonymous answers per question and overall; a department only with at least 5 answers in each year shown. */
  @ApiOperation({ summary: "A year's handling staff satisfaction, from anonymous answers" })
  @Get('staff-satisfaction')
  staffSatisfaction(@Param('year') year: string, @Query() query: Record<string, unknown>): ReturnType<YearlyReports['staffSatisfaction']> {
    noQueryParameters(query);
    return this.reports.staffSatisfaction(yearOf(year), MINIMUM_ANSWERS_PER_DEPARTMENT);
  }

  /** 만족업무평가: each department's score from the catalog's weights, its grade and the increase over the previous year. */
  @ApiOperation({ summary: "A year's department evaluation: score, grade and increase per department" })
  @Get('departments')
  departments(@Param('year') year: string, @Query() query: Record<string, unknown>): ReturnType<YearlyReports['departments']> {
    noQueryParameters(query);
    return this.reports.departments(yearOf(year));
  }

  /** The complaint-reduction plan for the head of the organisation: the most frequent complaint types and the measures for them. */
  @ApiOperation({ summary: "A year's complaint-reduction plan: frequent complaint types and the measures for them" })
  @Get('reduction-plan')
  reductionPlan(@Param('year') year: string, @Query() query: Record<string, unknown>): Promise<ReductionPlan> {
    noQueryParameters(query);
    return this.reports.reductionPlan(yearOf(year));
  }

  /** The four reports as one printable page (A4; Korean and English labels, inline SVG bars). */
  @ApiOperation({ summary: "A year's reports as one printable page (A4, Korean and English)" })
  @Get('report.html')
  @Header('content-type', 'text/html; charset=utf-8')
  @ApiProduces('text/html')
  async report(@Param('year') yearText: string, @Query() query: Record<string, unknown>): Promise<string> {
    noQueryParameters(query);
    const year = yearOf(yearText);
    const [satisfaction, departments, staff, plan] = await Promise.all([
      this.reports.satisfaction(year), this.reports.departments(year), this.reports.staffSatisfaction(year, MINIMUM_ANSWERS_PER_DEPARTMENT), this.reports.reductionPlan(year),
    ]);
    return yearlyReportHtml({ satisfaction, departments, staff, plan, generatedAt: this.reporting.now() }, this.reporting.catalog);
  }
}
