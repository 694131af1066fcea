export * from './schemas';
export { renderForm } from './render';
export {
  loadFormData,
  loadTrackingBookData,
  FormNotAvailableError,
  type LoadFormOptions,
  type TrackingBookQuery,
} from './load';
export { createFormRenderer, type FormRenderer } from './renderer';
