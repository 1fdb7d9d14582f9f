// Workflow entry point for workers (`workflowsPath`) and the contract for clients (update and query
// definitions, argument types). Only workflow functions and sandbox-safe code may be exported here.
export { hazardLifecycleWorkflow } from './hazard-lifecycle.workflow';
export * from './hazard-lifecycle.definitions';
export * from './hazard-lifecycle.types';
export * from './accountability.types';
export { hazardWorkflowId } from '@hazards/domain/hazard/hazard-workflow-id';
// The working-day calendar: re-planning hazards in flight after a notice is loaded.
export { calendarReplanWorkflow } from './calendar-replan.workflow';
export { calendarChangedSignal } from './calendar-replan.definitions';
