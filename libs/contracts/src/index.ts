export * from './envelope';
export * from './catalog';
export * from './topics';
export * from './intake/events';
export * from './roles';
