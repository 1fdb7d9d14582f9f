export * from './calendar-notice.store';
export * from './live-calendar';
export * from './calendar-importer';
export * from './calendar-replan';
export * from './calendar-activities';
