export { auditSubgraph } from './server.js';
export { sdl, typeDefs } from './typeDefs.js';
export { createAuditStore, type AuditStore } from './auditStore.js';
export { auditLogOfPartner, type LogArguments, type RequestPage } from './partnerLog.js';
export { auditLogOfPerson } from './personLog.js';
export type { AuditedRequestView } from './query/auditedRequest.js';
