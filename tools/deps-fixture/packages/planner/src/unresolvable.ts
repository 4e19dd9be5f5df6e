// not-to-unresolvable: a subpath the platform does not export.
export * from '@planner/platform/src/index.ts';
