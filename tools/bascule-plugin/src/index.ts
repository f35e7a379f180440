export { boundedContextGenerator } from './generators/bounded-context/bounded-context';
export { commandGenerator } from './generators/command/command';
export { eventGenerator } from './generators/event/event';
export { queryGenerator } from './generators/query/query';
