/**
 * The zod schemas of the REST contract (api-v1.md). Requests are parsed with them and the OpenAPI document
 * is generated from them, so the two cannot drift apart.
 */
export * from './common';
export * from './requests';
export * from './responses';
