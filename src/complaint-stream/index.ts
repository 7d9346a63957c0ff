export { complainantKeyOf, ComplaintCodec, ERASED, KEY_DOES_NOT_OPEN, PersonalDataUnreadable, UNREADABLE, type PersonalDataSealer } from './complaint-codec.js';
export { damageIn, folding, foldEvent, foldHistory, HistoryDamaged, historyDamaged, readComplaintHistory, UnfoldableHistory, type Damage } from './damaged-history.js';
export { loadComplaint, type ComplaintAtRevision, type LoadedComplaint } from './load-complaint.js';
export { complaintIdOf, complaintStreamId } from './stream.js';
export { CaseIdPipe, ComplaintFilterPipe, complaintIdFor, complaintIdsFor } from './case-reference.js';
export { COMPLAINT_CODEC } from './tokens.js';
export { currentVersion, toDomainEvent, toNewEvent } from './upcasting.js';
