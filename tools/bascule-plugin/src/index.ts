export { boundedContextGenerator } from './generators/bounded-context/bounded-context';
