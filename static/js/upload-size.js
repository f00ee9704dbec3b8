// Checks the size of a chosen PDF before the form is sent, so a member whose scan is too large
// hears it at once instead of waiting for the upload to be refused. The server checks again.
// The message comes from the page (the input's data-too-large, in the reader's language), with
// {name}, {size} and {limit} filled in; the sizes are written as the page's language writes them.
(function () {
  "use strict";
  var inputs = document.querySelectorAll("input[type=file][data-max-bytes]");
  Array.prototype.forEach.call(inputs, function (input) {
    var limit = parseInt(input.getAttribute("data-max-bytes"), 10);
    var message = document.createElement("p");
    message.className = "field-error";
    message.id = input.id + "-size-error";
    message.setAttribute("role", "alert");
    message.hidden = true;
    input.parentNode.appendChild(message);

    function check() {
      var file = input.files && input.files[0];
      if (!file || file.size <= limit) {
        message.hidden = true;
        input.removeAttribute("aria-invalid");
        return true;
      }
      var language = document.documentElement.lang || undefined;
      var values = {
        name: file.name,
        size: (file.size / 1048576).toLocaleString(language, { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
        limit: Math.round(limit / 1048576).toLocaleString(language)
      };
      message.textContent = (input.getAttribute("data-too-large") || "").replace(/\{(\w+)\}/g, function (whole, key) {
        return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : whole;
      });
      message.hidden = false;
      input.value = "";
      input.setAttribute("aria-invalid", "true");
      var described = (input.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
      if (described.indexOf(message.id) < 0) { described.push(message.id); }
      input.setAttribute("aria-describedby", described.join(" "));
      return false;
    }

    input.addEventListener("change", check);
    if (input.form) {
      input.form.addEventListener("submit", function (event) {
        var file = input.files && input.files[0];
        if (file && file.size > limit) { check(); event.preventDefault(); input.focus(); }
      });
    }
  });
}());
