// Search-as-you-type for the union body picker. Without JavaScript the "Find" button does the
// same search on the server; this only saves the round trip. The words it writes come from the
// page (data-* attributes of #body-results), in the reader's language.
(function () {
  "use strict";
  var input = document.getElementById("body_query");
  var results = document.getElementById("body-results");
  if (!input || !results || !window.fetch) { return; }
  var url = results.getAttribute("data-search-url");

  // A sentence from the page, with {query} and {count} filled in.
  function words(name, values) {
    return (results.getAttribute("data-" + name) || "").replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : whole;
    });
  }
  var timer = null;
  var latest = 0;

  function describe(body) {
    var parts = [];
    if (body.affiliation) { parts.push(body.affiliation); }
    if (body.designation) { parts.push(body.designation); }
    var place = [body.city, body.state].filter(Boolean).join(", ");
    if (place) { parts.push(place); }
    return parts.join(" · ");
  }

  function checkedValue() {
    var checked = document.querySelector("input[name=body_choice]:checked");
    return checked ? checked.value : null;
  }

  function render(bodies, text) {
    var keep = checkedValue();
    results.textContent = "";
    if (!bodies.length) {
      var none = document.createElement("p");
      none.textContent = words("none", { query: text });
      results.appendChild(none);
      results.appendChild(offerNew(text));
      return;
    }
    var intro = document.createElement("p");
    intro.className = "muted";
    intro.textContent = words(bodies.length === 1 ? "found-one" : "found-other",
                              { count: bodies.length.toLocaleString(document.documentElement.lang || undefined) });
    results.appendChild(intro);
    var list = document.createElement("ul");
    list.className = "choice-list";
    bodies.forEach(function (body) {
      var item = document.createElement("li");
      var radio = document.createElement("input");
      radio.type = "radio";
      radio.name = "body_choice";
      radio.id = "body-" + body.id;
      radio.value = String(body.id);
      radio.checked = keep === radio.value;
      var label = document.createElement("label");
      label.htmlFor = radio.id;
      label.textContent = body.name;
      var details = document.createElement("span");
      details.className = "muted";
      details.textContent = " " + describe(body);
      item.appendChild(radio);
      item.appendChild(document.createTextNode(" "));
      item.appendChild(label);
      item.appendChild(details);
      list.appendChild(item);
    });
    results.appendChild(list);
  }

  // "Not in the registry": choose it and carry the typed name into the new body's fields.
  function offerNew(text) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "secondary";
    button.id = "describe-new-body";
    button.textContent = words("describe-new", { query: text });
    button.addEventListener("click", function () {
      var choice = document.getElementById("body-new");
      var name = document.getElementById("new_name");
      if (choice) { choice.checked = true; }
      if (name) {
        if (!name.value.trim()) { name.value = text; }
        name.focus();
      }
    });
    return button;
  }

  function search() {
    var text = input.value.trim();
    if (text.length < 2) { return; }
    var ticket = ++latest;
    fetch(url + "?q=" + encodeURIComponent(text), { headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : []; })
      .then(function (bodies) { if (ticket === latest) { render(bodies, text); } })
      .catch(function () { /* the Find button still works */ });
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(search, 250);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter") { event.preventDefault(); search(); }
  });
}());
