// Small progressive enhancements; every page works without this file.
(function () {
  "use strict";
  // The language switcher submits itself when a language is picked.
  var select = document.getElementById("language-select");
  if (select && select.form) {
    select.addEventListener("change", function () { select.form.submit(); });
  }
  // Forms marked data-autosubmit (facets) submit when a control changes.
  document.querySelectorAll("form[data-autosubmit]").forEach(function (form) {
    form.addEventListener("change", function () { form.submit(); });
  });
})();
