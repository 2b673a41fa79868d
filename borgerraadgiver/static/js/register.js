// Enter in a field of the registration form registers; in the person's fields it looks the
// person up. Without JavaScript the browser's default applies (the first button: look up), which
// loses nothing.
(function () {
  var form = document.getElementById("register-form");
  if (!form) return;
  var person = form.querySelector("fieldset");
  form.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.key !== "Enter" || target.tagName !== "INPUT") return;
    if (target.type === "checkbox" || target.type === "radio" || target.type === "submit") return;
    event.preventDefault();
    var button = person && person.contains(target)
      ? document.getElementById("find-person-button")
      : document.getElementById("register-button");
    if (button) button.click();
  });
})();
