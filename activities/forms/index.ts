export * from './schemas';
export { renderForm } from './render';
