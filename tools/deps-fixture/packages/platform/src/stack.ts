// nothing-on-the-stack: the platform imports the stack.
export { stack } from '../../stack/src/index.ts';
