export * from './lab-calendar';
