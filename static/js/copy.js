// The article page's 复制引文 button: copies the GB/T 7714 citation to the clipboard.
// The button stays hidden without JavaScript; the citation text can still be selected by hand.
(function () {
  "use strict";

  function selectText(node) {
    var range = document.createRange();
    range.selectNodeContents(node);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function copy(text, node) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // Plain-HTTP sites have no async clipboard; fall back to selecting and execCommand.
    selectText(node);
    var ok = document.execCommand && document.execCommand("copy");
    return ok ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  document.querySelectorAll("[data-copy]").forEach(function (button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    var status = button.parentNode.querySelector(".copy-status");
    if (!source) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      copy(source.textContent.trim(), source).then(
        function () {
          if (status) status.textContent = "已复制";
        },
        function () {
          selectText(source);
          if (status) status.textContent = "已选中引文，请按 Ctrl+C 复制";
        }
      );
    });
  });
})();
