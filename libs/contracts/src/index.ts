export * from './envelope';
export * from './catalog';
export * from './topics';
export * from './intake/events';
export * from './intake/lifecycle-events';
export * from './equipment/events';
export * from './quality/events';
export * from './roles';
