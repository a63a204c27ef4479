// Candor's pages work without this script; it only adds conveniences.
document.addEventListener("DOMContentLoaded", function () {
  // The catalog: narrow the table while typing in the search field.
  var search = document.getElementById("q");
  var catalog = document.getElementById("catalog");
  if (search && catalog) {
    search.addEventListener("input", function () {
      var words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
      var rows = catalog.tBodies[0].rows;
      var shown = 0;
      for (var i = 0; i < rows.length; i++) {
        var text = rows[i].textContent.toLowerCase();
        var match = words.every(function (w) { return text.indexOf(w) >= 0; });
        rows[i].hidden = !match;
        if (match) { shown++; }
      }
      var count = document.querySelector("#shown span");
      if (count) { count.textContent = shown; }
    });
  }
  // An upload larger than the service takes is refused here, before it is sent.
  document.querySelectorAll("input[type=file][data-max-bytes]").forEach(function (input) {
    input.addEventListener("change", function () {
      var max = Number(input.getAttribute("data-max-bytes"));
      var file = input.files && input.files[0];
      input.setCustomValidity(file && file.size > max
        ? "The file is larger than the " + Math.floor(max / 1048576) + " MB this service accepts." : "");
      input.reportValidity();
    });
  });
  // A form being sent cannot be sent twice, and says what it is doing while the answer comes.
  document.querySelectorAll("form[method=post]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      var button = event.submitter;
      var label = (button && button.getAttribute("data-progress")) || form.getAttribute("data-progress");
      if (label) {
        var status = document.createElement("p");
        status.className = "progress";
        status.setAttribute("role", "status");
        status.id = "progress";
        status.textContent = label;
        form.appendChild(status);
        form.setAttribute("aria-busy", "true");
      }
      setTimeout(function () {
        form.querySelectorAll("button[type=submit]").forEach(function (b) { b.disabled = true; });
      }, 0);
    });
  });
});
