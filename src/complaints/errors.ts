import { NotFound } from '../http/index.js';

export class ComplaintNotFound extends NotFound {
  override readonly name = 'ComplaintNotFound';
  constructor(readonly complaintId: string) {
    super(`complaint ${complaintId} not found`);
  }
}
