import { ApiOkResponse, ApiOperation, ApiResponse } from '@nestjs/swagger';
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ROLES } from '../../domain/access.js';
import type { WorkingCalendar } from '../../domain/working-time/index.js';
import { CHANNELS, compensationPolicyOf, EXCLUSIONS, findingReasonsOf, NOTICE_CHANNELS, OUTCOMES, PAUSE_REASONS, REOPEN_KINDS, satisfactionElementsOf, SEVERITIES, staffSurveyQuestionsOf, type Catalog } from '../../domain/catalog.js';
import { Public, Roles } from '../auth/nest.js';
import { CALENDAR, CATALOG } from '../config/index.js';
import { noQueryParameters } from '../http/index.js';

@Controller('catalog')
export class CatalogController {
  constructor(
    @Inject(CATALOG) private readonly catalog: Catalog,
    @Inject(CALENDAR) private readonly calendar: WorkingCalendar,
  ) {}

  /**
   * The working calendar's time zone, in which every quarter, year and deadline is counted: the web
   * console shows times and reads typed date-times in it, the portal too, so it needs no token.
   */
  @ApiOperation({ summary: "The working calendar's time zone (IANA name), in which quarters, years and deadlines are counted and clients show times" })
  @ApiOkResponse({ schema: { type: 'object', required: ['timeZone'], properties: { timeZone: { type: 'string', example: 'Asia/Seoul' } } } })
  @ApiResponse({ status: 400, description: 'A query parameter was given: the route takes none' })
  @Get('calendar')
  @Public()
  calendarZone(@Query() query: Record<string, unknown>): { timeZone: string } {
    noQueryParameters(query);
    return { timeZone: this.calendar.timeZone };
  }

  /** The configured lists a client needs to fill in a command. */
  @ApiOperation({ summary: 'The catalog: categories, departments, channels and the other lists a command needs' })
  @Get()
  @Roles(...ROLES)
  get() {
    return {
      categories: this.catalog.categories,
      departments: this.catalog.departments,
      channels: CHANNELS,
      // An external body's complaint about a general matter goes to `generalDepartment`, one department's matter to that department.
      routes: { internal: true, externalBodies: this.catalog.externalBodies, generalDepartment: this.catalog.generalDepartment ?? null },
      exclusionReasons: EXCLUSIONS,
      severities: SEVERITIES,
      pauseReasons: PAUSE_REASONS,
      outcomes: OUTCOMES,
      /** Why a substantiated subject was at fault: "the same reason" of the repeat-offender rule. */
      findingReasons: findingReasonsOf(this.catalog),
      /** What a decision may grant, for which finding reasons, and who may approve an exception (시정 및 보상). */
      compensationPolicy: compensationPolicyOf(this.catalog),
      reopenKinds: REOPEN_KINDS,
      noticeChannels: NOTICE_CHANNELS,
      /** The complainants' survey (QPSI): each element's code and name; `overall` is the direct overall rating. */
      satisfactionElements: satisfactionElementsOf(this.catalog),
      /** The handling staff's yearly survey (처리담당자 만족도). */
      staffSurveyQuestions: staffSurveyQuestionsOf(this.catalog),
      roles: ROLES,
    };
  }
}
