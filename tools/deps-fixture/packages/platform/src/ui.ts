// platform-on-no-ui: the platform serves built files, it imports no UI package.
export { u } from '../../ui/src/index.ts';
