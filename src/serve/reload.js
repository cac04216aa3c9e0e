// Added by `tiendo serve` only (never by `tiendo build`): waits for the next
// change of the content or the theme, then reloads the page.
(function () {
  var version = "__TIENDO_VERSION__";
  function wait(delay) {
    setTimeout(function () {
      fetch("/__tiendo/reload?v=" + version, { cache: "no-store" })
        .then(function (r) { return r.text(); })
        .then(function (now) {
          if (now.trim() !== version) {
            location.reload();
          } else {
            wait(0);
          }
        })
        .catch(function () { wait(1000); });
    }, delay);
  }
  wait(0);
})();
