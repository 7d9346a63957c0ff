/** The `ComplaintCodec` over the personal-data vault (provided by src/personal-data). */
export const COMPLAINT_CODEC = Symbol('ComplaintCodec');
