// shop-on-host-and-protocol and nothing-on-the-stack: the shop imports the platform and the stack.
export { x } from '../../packages/platform/src/index.ts';
export { stack } from '../../packages/stack/src/index.ts';
