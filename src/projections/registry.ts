import { complaintListProjection } from './complaint-list.projection.js';
import type { Projection } from './projection.js';

/** Every read model the service keeps. Add a projection here and the runner feeds it. */
export const PROJECTIONS_LIST: readonly Projection[] = [complaintListProjection];
