/**
 * Evaluated once per worker and shared by every workflow it keeps cached, instead of once per workflow:
 * zod and the domain modules the workflows import, which hold schemas and tables but no state of their own.
 * Listed in the bundle's `preloadModules` (workers/workflow-bundle.ts); why and what it must never hold:
 * docs/determinism.md, "Shared modules".
 */
import { util } from 'zod/v4/core';
import '../domain/calendar/workflow-safe';
import '../domain/correction/correction';
import '../domain/dossier/calendar-change';
import '../domain/dossier/commands';
import '../domain/dossier/errors';
import '../domain/dossier/machine';
import '../domain/dossier/online-payment';
import '../domain/errors';
import '../domain/feedback/commands';
import '../domain/feedback/machine';
import '../domain/portal/payment';
import '../domain/portal/ratings';
import '../domain/portal/record';

// zod decides on its first object parse whether it may compile with `new Function`, and keeps the answer
// on a module object; shared modules are frozen, so the question is asked now, before the freeze.
void util.allowsEval.value;
