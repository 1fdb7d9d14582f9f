export * from './migrations';
export * from './data-source-options';
export * from './hazards/hazard-step.recorder';
export * from './duplicates/duplicate-candidates.repository';
export * from './simulation/simulation-history.repository';
export * from './simulation/simulation-runs.repository';
