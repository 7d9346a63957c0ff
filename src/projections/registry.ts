import { findCategory } from '../../domain/catalog.js';
import type { SlaRules } from '../../projections/sla.js';
import { calendarOf, performanceOf, type AppConfig } from '../config/config.js';
import { auditTrailProjection } from './audit-trail.projection.js';
import { handlingPeriodsProjection } from './handling-periods.projection.js';
import { complaintListProjection } from './complaint-list.projection.js';
import { complainantCasesProjection } from './complainant-cases.projection.js';
import type { Projection } from './projection.js';
import { noticesProjection } from './notices.projection.js';
import { repeatOffendersProjection } from './repeat-offenders.projection.js';

/** Every read model the service keeps. Add a projection here and the runner feeds it. */
export const PROJECTIONS_LIST: readonly Projection[] = [complaintListProjection, auditTrailProjection, repeatOffendersProjection, complainantCasesProjection, noticesProjection];

/** The deadline rules of the SLA read model: the working calendar, each category's deadline (default 3 days), the interim notice. */
export function slaRulesOf(config: AppConfig): SlaRules {
  return {
    calendar: calendarOf(config),
    deadlineDays: (category) => findCategory(config.catalog, category)?.deadlineDays ?? 3,
    interimNoticeDeadline: performanceOf(config).interimNoticeDeadline,
  };
}

/** Every read model for this configuration: those above, and those the working calendar and the deadlines shape. */
export function projectionsFor(config: AppConfig): readonly Projection[] {
  return [...PROJECTIONS_LIST, handlingPeriodsProjection(slaRulesOf(config))];
}
