/**
 * First path segments that belong to the HTTP API. Everything else is the web app's: the server answers a browser
 * asking for HTML there with the app, while unknown routes under these keep answering 404 ROUTE_NOT_FOUND JSON.
 * Web app routes must not start with one of these.
 */
export const API_PATH_PREFIXES = [
  'auth',
  'users',
  'roles',
  'items',
  'fields',
  'collections',
  'permissions',
  'activity',
  'revisions',
  'flows',
  'operations',
  'server',
  'deliveries',
  'flow-runs',
] as const;
