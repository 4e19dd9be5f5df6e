// Allowed by the layers (the console may use the ui package); no-deep-imports alone.
export { u } from '../../ui/src/index.ts';
