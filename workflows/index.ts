export { dossierWorkflow } from './dossier';
export { portalSyncWorkflow } from './portal-sync';
export { calendarPublicationWorkflow } from './calendar-publication';
export { feedbackWorkflow } from './feedback';
export { correctionWorkflow } from './correction';
export { portalMonthlyRatingsWorkflow, portalRatingsScheduledWorkflow } from './portal-ratings';
