// The in-memory document desk lives with the policy simulation, which runs the lifecycle without
// PostgreSQL too; scenario tests use the same one.
export { createDocumentDesk, type DocumentDesk } from '@hazards/simulation/document-desk';
