export { commandSpan, type CommandAggregate, type CommandStep, type CommandTrace } from './command-span.js';
