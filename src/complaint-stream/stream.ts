/** Each complaint's history is one stream, named after the complaint. */
const PREFIX = 'complaint-';

export const complaintStreamId = (complaintId: string): string => `${PREFIX}${complaintId}`;

/** The complaint a stream belongs to, or undefined for another kind of stream (e.g. a complainant's). */
export function complaintIdOf(streamId: string): string | undefined {
  return streamId.startsWith(PREFIX) ? streamId.slice(PREFIX.length) : undefined;
}
