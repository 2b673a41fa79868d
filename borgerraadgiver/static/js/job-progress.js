// Moves a job's progress bar without reloading the page, and shows the result when the job is
// done (or seems to have stopped) by loading the page again. Without JavaScript the page's "Look
// again" button does this. A page that already says the job stopped has no status address, so
// it is not loaded again and again.
(function () {
  var box = document.querySelector("[data-job-status-url]");
  if (!box) return;
  var url = box.getAttribute("data-job-status-url");
  var bar = document.getElementById("job-progress-bar");
  var text = document.getElementById("job-progress-text");
  var status = document.getElementById("job-progress-status");
  var lastPhase = null;
  var template = box.getAttribute("data-progress-text") || "%(phase)s: %(done)s / %(total)s";

  function number(value) {
    return Number(value).toLocaleString(document.documentElement.lang || undefined);
  }

  function show(state) {
    if (state.finished || state.stalled) {
      window.location.reload();
      return;
    }
    if (state.status === "running" && state.phase) {
      bar.setAttribute("max", "100");
      bar.value = state.percent;
      bar.textContent = state.percent + " %";
      var phase = state.phase.charAt(0).toUpperCase() + state.phase.slice(1);
      text.textContent = template
        .replace("%(phase)s", phase)
        .replace("%(done)s", number(state.done))
        .replace("%(total)s", number(state.total));
      if (phase !== lastPhase && status) status.textContent = phase;
      lastPhase = phase;
    }
    window.setTimeout(poll, 1500);
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(show)
      .catch(function () {
        window.setTimeout(poll, 5000);
      });
  }

  window.setTimeout(poll, 1000);
})();
