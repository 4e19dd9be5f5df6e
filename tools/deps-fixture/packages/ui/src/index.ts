export const u = 'ui';
