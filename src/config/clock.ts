/** Where the service reads the time: one clock, injected, so tests and replays can set it. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
