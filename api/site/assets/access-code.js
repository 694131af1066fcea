// The receipt's QR code carries the citizen's access code in the address's fragment (#ma=…), which the
// browser never sends to a server nor in a Referer. It is moved into the page's access-code field and out
// of the address bar and history; a form marked data-submit-with-code then posts it at once. Without
// script, the citizen types the code printed on the receipt into the same field.
(function () {
  var match = /^#ma=([A-Za-z0-9%-]{1,64})$/.exec(window.location.hash);
  if (!match) return;
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
  /** @type {HTMLInputElement | null} */
  var input = document.querySelector('input[name="accessCode"]');
  if (!input) return;
  input.value = decodeURIComponent(match[1]);
  if (input.form && input.form.hasAttribute('data-submit-with-code')) input.form.submit();
})();
