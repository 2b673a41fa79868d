// The web form works without this: it only hides the name and contact fields while the sender
// has chosen to be anonymous (the server ignores them then anyway).
(function () {
  "use strict";
  var form = document.getElementById("contact-form");
  var details = document.getElementById("contact-details");
  if (!form || !details) return;
  function update() {
    var chosen = form.querySelector("input[name='complainant_kind']:checked");
    details.hidden = Boolean(chosen && chosen.value === "anonymous");
  }
  form.addEventListener("change", function (event) {
    if (event.target.name === "complainant_kind") update();
  });
  update();
})();
