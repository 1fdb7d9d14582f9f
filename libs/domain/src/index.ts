// Pure domain: no I/O, no Node built-ins. Workflow code imports the specific files it needs
// (never this barrel) so the zod-backed loaders stay out of the workflow bundle.
export * from './hazard/vocabulary';
export * from './hazard/hazard-status';
export * from './hazard/actor';
export * from './hazard/hazard-snapshot';
export * from './hazard/hazard-workflow-id';
export * from './calendar/calendar-notice';
export * from './calendar/provisional-estimate';
export * from './calendar/calendar-coverage';
export * from './calendar/working-day-calendar';
export * from './calendar/cn-calendar';
export * from './calendar/shift-working-days';
export * from './policy/escalation-action';
export * from './policy/policy.schema';
export * from './policy/parse-policy';
export * from './policy/default-policy';
export * from './rules/refusal';
export * from './rules/listing-ladder.rule';
export * from './rules/review-levels.rule';
export * from './rules/art113.rule';
export * from './rules/tracing.rule';
export * from './rules/extension.rule';
export * from './rules/deadline-schedule.rule';
export * from './rules/actor.rule';
