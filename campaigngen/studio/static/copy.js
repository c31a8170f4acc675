// "Copy text" buttons: the element named by data-copy, as plain text, to the clipboard.
// One listener on the document, so buttons in panels htmx swaps in later work too.
document.addEventListener("click", function (event) {
  var button = event.target.closest("button[data-copy]");
  if (!button) return;
  var source = document.getElementById(button.dataset.copy);
  var said = button.parentElement.querySelector(".copied");
  if (!source || !navigator.clipboard) {
    if (said) said.textContent = "Cannot copy here: select the text and copy it.";
    return;
  }
  navigator.clipboard.writeText(source.textContent).then(
    function () { if (said) said.textContent = "Copied."; },
    function () { if (said) said.textContent = "Cannot copy here: select the text and copy it."; }
  );
});
