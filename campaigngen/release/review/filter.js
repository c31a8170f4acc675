// Filters by language and status. Cards carry data-langs and data-status as
// space-separated tokens; hiding uses the hidden attribute, so the page works
// (everything visible) even with scripts off.
(function () {
  "use strict";
  var langSelect = document.getElementById("filter-lang");
  var statusButtons = document.querySelectorAll("[data-filter-status]");
  var cards = document.querySelectorAll(".card");
  var counter = document.getElementById("shown-count");
  var status = "all";

  function has(tokens, wanted) {
    return (" " + tokens + " ").indexOf(" " + wanted + " ") !== -1;
  }

  function apply() {
    var lang = langSelect.value;
    var shown = 0;
    cards.forEach(function (card) {
      var visible = (lang === "all" || has(card.dataset.langs, lang)) &&
                    (status === "all" || has(card.dataset.status, status));
      card.hidden = !visible;
      if (visible) { shown += 1; }
    });
    counter.textContent = String(shown);
  }

  langSelect.addEventListener("change", apply);
  statusButtons.forEach(function (button) {
    button.addEventListener("click", function () {
      status = button.dataset.filterStatus;
      statusButtons.forEach(function (other) {
        other.setAttribute("aria-pressed", other === button ? "true" : "false");
      });
      apply();
    });
  });
  apply();
})();
