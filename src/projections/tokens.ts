/** The `ProjectionRunner` that feeds every read model. */
export const PROJECTIONS = Symbol('ProjectionRunner');
