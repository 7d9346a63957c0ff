import { complaintListReadModel } from '../complaints/index.js';
import { slaRulesOf, slaSettingsOf, type AppConfig } from '../config/index.js';
import { evaluationsReadModel } from '../evaluations/index.js';
import { improvementRequestsReadModel } from '../improvement-requests/index.js';
import { noticesReadModel } from '../notices/index.js';
import { complainantCasesReadModel } from '../personal-data/index.js';
import type { ReadModel } from '../read-models/index.js';
import {
  auditTrailReadModel, compensationReadModel, handlingPeriodsReadModel, nominationsReadModel, repeatOffenceJudgementsReadModel, repeatOffendersReadModel, staffSurveyAnswersReadModel,
} from '../reports/index.js';

/**
 * Every read model the service keeps, each declared beside the queries that read it. Add one here and
 * the runner creates its tables, feeds it, rebuilds it and reports on it.
 */
export function readModelsFor(config: AppConfig): readonly ReadModel[] {
  return [
    complaintListReadModel, auditTrailReadModel, repeatOffendersReadModel, complainantCasesReadModel, noticesReadModel, handlingPeriodsReadModel(slaRulesOf(config), slaSettingsOf(config)),
    improvementRequestsReadModel, compensationReadModel, repeatOffenceJudgementsReadModel, evaluationsReadModel, staffSurveyAnswersReadModel, nominationsReadModel,
  ];
}
