export { commandSpan, followCommand, type CommandAggregate, type CommandStep, type CommandTrace } from './command-span.js';
