export * from './explanation.types';
export { explainStep, valueAt } from './explain-step';
export { namedCalendar, type NamedCalendar } from './named-calendar';
export { countDays, type DayCount, type NamedDate } from './day-count';
