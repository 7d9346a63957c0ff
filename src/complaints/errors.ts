/** Errors of the application layer; src/http/error-filter.ts turns them into HTTP answers. */
export class ComplaintNotFound extends Error {
  override readonly name = 'ComplaintNotFound';
  constructor(readonly complaintId: string) {
    super(`complaint ${complaintId} not found`);
  }
}

/** The client's If-Match revision is not the case's current one. */
export class StaleRevision extends Error {
  override readonly name = 'StaleRevision';
  constructor(
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`the complaint is at revision ${actual}, not ${expected}: reload it and try again`);
  }
}

export class AccessDenied extends Error {
  override readonly name = 'AccessDenied';
}

/** Others kept changing the case while the command was decided again and again: the client may retry. */
export class BusyComplaint extends Error {
  override readonly name = 'BusyComplaint';
  constructor(readonly complaintId: string) {
    super(`complaint ${complaintId} is being changed by others right now: try again`);
  }
}
