export * from './migrations';
export * from './data-source-options';
export * from './hazards/hazard-step.recorder';
export * from './duplicates/duplicate-candidates.repository';
