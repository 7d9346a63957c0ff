import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { COMPLAINT_CODEC, loadComplaint, type ComplaintCodec, type LoadedComplaint } from '../complaint-stream/index.js';
import { EVENT_STORE, type EventStore } from '../event-store/index.js';

/** The case a follow-up link names, with its events (who recorded what), personal data opened (the complainant's own), or undefined. */
export class GetComplaintForPortal {
  constructor(readonly complaintId: string) {}
}

@QueryHandler(GetComplaintForPortal)
export class GetComplaintForPortalHandler implements IQueryHandler<GetComplaintForPortal, LoadedComplaint | undefined> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(COMPLAINT_CODEC) private readonly codec: ComplaintCodec,
  ) {}

  async execute({ complaintId }: GetComplaintForPortal): Promise<LoadedComplaint | undefined> {
    const loaded = await loadComplaint(this.store, this.codec, complaintId);
    return loaded.revision < 0 ? undefined : loaded;
  }
}
