// @ts-check
/**
 * The entry of the threads that lay out large forms (the tracking book) off the API's event loop. Plain
 * JavaScript: the thread starts with tsx's require hook (see renderer.ts), which loads the TypeScript.
 */
const { renderForm } = require('./render');

/** @param {import('./renderer').BookTask} task */
module.exports = ({ kind, data }) => renderForm(kind, data);
