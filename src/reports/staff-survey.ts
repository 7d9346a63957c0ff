import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IsObject } from 'class-validator';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../domain/access.js';
import { staffSurveyQuestionsOf } from '../../domain/catalog.js';
import { localDateOf } from '../../domain/working-time/index.js';
import { ANONYMOUS, answerStaffSurvey, STAFF_SURVEY_RESPONDENTS, STAFF_SURVEY_STREAM_PREFIX } from '../../domain/yearly/staff-survey.js';
import { CurrentActor, Roles } from '../auth/nest.js';
import { EVENT_STORE, type EventStore } from '../event-store/index.js';
import { ApplicationError } from '../http/index.js';
import { parseBody } from '../http/nest.js';
import { READ_MODELS, type ReadModelDatabase } from '../read-models/index.js';
import { changeSchema, type SqlClient } from '../sql/index.js';
import { Reporting } from './reporting.js';
import { yearOf } from './yearly.queries.js';

export class StaffSurveyAnswerBody {
  /** Question → score (1–5): the catalog's `staffSurveyQuestions` (`GET /catalog`), `overall` required. */
  @IsObject() scores!: Record<string, number>;
}

/** One answer per person and year (409). */
class AlreadyAnswered extends ApplicationError {
  override readonly name = 'AlreadyAnswered';
  readonly status = 409;
}

/**
 * Who took part in a year's staff survey, kept apart from the answers: a table of (year, person) with
 * nothing else, no time and no answer, so that nothing in it joins to an answer; it only refuses a
 * second answer. Not an event: the store's events carry their actor and their place in the global
 * order, which would line each participation up with the answer appended just after it.
 */
export class StaffSurveyParticipation {
  private constructor(
    private readonly sql: SqlClient,
    private readonly table: string,
  ) {}

  static async open(sql: SqlClient, s: string): Promise<StaffSurveyParticipation> {
    const table = `${s}.staff_survey_participants`;
    await changeSchema(sql, s, (tx) => tx.query(`CREATE TABLE IF NOT EXISTS ${table} (year integer NOT NULL, participant text NOT NULL, PRIMARY KEY (year, participant))`));
    return new StaffSurveyParticipation(sql, table);
  }

  /**
   * Records the person's participation, then runs `store` (the answer's append): a second answer is
   * refused by the first's row; an answer that could not be stored takes its participation back.
   * (Not one transaction: on the embedded store the append would wait on it.)
   */
  async once(year: number, participant: string, store: () => Promise<void>): Promise<void> {
    const inserted = await this.sql.query(`INSERT INTO ${this.table} (year, participant) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING year`, [year, participant]);
    if (inserted.length === 0) throw new AlreadyAnswered(`You have already answered the staff survey of ${year}`);
    try {
      await store();
    } catch (error) {
      await this.sql.query(`DELETE FROM ${this.table} WHERE year = $1 AND participant = $2`, [year, participant]);
      throw error;
    }
  }
}

@ApiTags('reports')
@Controller('staff-surveys')
export class StaffSurveyController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly participation: StaffSurveyParticipation,
    private readonly reporting: Reporting,
  ) {}

  /**
   * The handling staff's job satisfaction (처리담당자 만족도), anonymous: the stored answer names no person
   * (its actor is "anonymous", its time only the day, its stream a random id), only the year, the
   * respondent's department (reported only where enough answered) and the scores. 201 with no body.
   */
  @ApiOperation({ summary: "Answer the year's staff satisfaction survey, anonymously" })
  @Post(':year/answers')
  @ApiBody({ schema: { $ref: '#/components/schemas/StaffSurveyAnswerBody' } })
  @HttpCode(201)
  @Roles(...STAFF_SURVEY_RESPONDENTS)
  async answer(@Param('year') yearText: string, @Body() body: unknown, @CurrentActor() actor: Actor): Promise<void> {
    const year = yearOf(yearText);
    const { scores } = parseBody(StaffSurveyAnswerBody, body);
    const today = localDateOf(this.reporting.now(), this.reporting.calendar);
    const event = answerStaffSurvey({ year, department: actor.department ?? null, scores, today }, staffSurveyQuestionsOf(this.reporting.catalog));
    // Fresh ids, not the request's correlation id: the request log names the user beside it.
    const id = randomUUID();
    await this.participation.once(year, actor.id, async () => {
      await this.store.append(`${STAFF_SURVEY_STREAM_PREFIX}${id}`, [{
        type: event.type, schemaVersion: 1, data: event.data as unknown as Record<string, unknown>,
        metadata: { actorId: ANONYMOUS, actorRole: ANONYMOUS, occurredAt: event.occurredAt, commandId: id, correlationId: id, causationId: id },
      }], { expectedRevision: 'no-stream' });
    });
  }
}

export const staffSurveyParticipationProvider = {
  provide: StaffSurveyParticipation,
  inject: [READ_MODELS],
  useFactory: ({ sql, s }: ReadModelDatabase) => StaffSurveyParticipation.open(sql, s),
};
