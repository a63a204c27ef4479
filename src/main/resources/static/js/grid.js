// The table editor works without this script (adding and deleting rows then asks the server);
// with it, rows are added and deleted on the page at once.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("section.grid-table").forEach(function (section) {
    var body = section.querySelector("table.grid tbody");
    var template = section.querySelector("template.row-template");
    var add = section.querySelector("button.add-row");
    if (!body || !template || !add) {
      return;
    }
    add.addEventListener("click", function (event) {
      event.preventDefault();
      var row = template.content.firstElementChild.cloneNode(true);
      body.appendChild(row);
      var first = row.querySelector(".cell");
      if (first) {
        first.focus();
      }
    });
    body.addEventListener("click", function (event) {
      var button = event.target.closest("button.delete-row");
      if (button) {
        event.preventDefault();
        button.closest("tr").remove();
      }
    });
  });
});
