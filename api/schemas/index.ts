/**
 * The zod schemas of the REST contract (served as /openapi.json; docs/architecture.md). Requests are parsed with them and the OpenAPI document
 * is generated from them, so the two cannot drift apart.
 */
export * from './common';
export * from './requests';
export * from './responses';
export * from './feedback';
