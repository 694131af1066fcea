export { dossierWorkflow } from './dossier';
export { portalSyncWorkflow } from './portal-sync';
export { feedbackWorkflow } from './feedback';
