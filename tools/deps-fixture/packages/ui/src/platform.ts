// no-browser-package-on-platform: the shared look is browser code.
export { x } from '../../platform/src/index.ts';
