/** The console's pieces that are worth reusing: the admin API client and the token store. */
export * from './api.ts';
export * from './session.ts';
