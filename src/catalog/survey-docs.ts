import type { OpenAPIObject } from '@nestjs/swagger';
import { OVERALL, satisfactionElementsOf, staffSurveyQuestionsOf, type Catalog, type SurveyQuestion } from '../../domain/catalog.js';

/** A survey's `scores` as the catalog has it: a property per question (1–5), `overall` required. */
const scoresSchema = (questions: readonly SurveyQuestion[], what: string) => ({
  type: 'object',
  description: `${what}: each a whole number from 1 to 5; "${OVERALL}" required, the others may be left out. The catalog's list (GET /catalog).`,
  properties: Object.fromEntries(questions.map((q) => [q.code, { type: 'integer', minimum: 1, maximum: 5, description: `${q.name.ko} (${q.name.en})` }])),
  required: [OVERALL],
  additionalProperties: false,
});

/** The survey bodies take the catalog's questions, which no decorator can know: their `scores` are documented from it. */
export function documentSurveys(catalog: Catalog): (document: OpenAPIObject) => void {
  return (document) => {
    const schemas = (document.components?.schemas ?? {}) as Record<string, { properties?: Record<string, unknown> }>;
    const set = (body: string, schema: unknown) => {
      const properties = schemas[body]?.properties;
      if (properties) properties.scores = schema;
    };
    set('RecordSatisfactionBody', scoresSchema(satisfactionElementsOf(catalog), 'Complainant satisfaction survey (QPSI) elements'));
    set('StaffSurveyAnswerBody', scoresSchema(staffSurveyQuestionsOf(catalog), 'Handling staff job-satisfaction questions'));
  };
}
