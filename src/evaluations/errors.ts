import { NotFound } from '../http/index.js';

export class EvaluationNotFound extends NotFound {
  override readonly name = 'EvaluationNotFound';
  constructor(readonly quarter: string) {
    super(`no evaluation of ${quarter}`);
  }
}

export class InspectionNotFound extends NotFound {
  override readonly name = 'InspectionNotFound';
  constructor(readonly inspectionId: string) {
    super(`no inspection ${inspectionId}`);
  }
}
