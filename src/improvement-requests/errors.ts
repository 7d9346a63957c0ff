import { NotFound } from '../http/index.js';

export class ImprovementRequestNotFound extends NotFound {
  override readonly name = 'ImprovementRequestNotFound';
  constructor(readonly requestId: string) {
    super(`improvement request ${requestId} not found`);
  }
}
