// The review form's only script: on "Save my answers", the ticks and comments become a small
// JSON file the reviewer saves and sends back (charter review import reads it). Nothing is sent.
"use strict";
(function () {
  var form = document.getElementById("review");
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var answers = [], done = 0, sheets = form.querySelectorAll("fieldset.sheet");
    sheets.forEach(function (sheet) {
      var code = sheet.getAttribute("data-code");
      var ticked = Array.prototype.map.call(
        sheet.querySelectorAll("input[type=checkbox]:checked"), function (box) { return box.value; });
      var comment = sheet.querySelector("textarea").value.trim();
      if (ticked.length || comment) {
        done += 1;
        answers.push({code: code, answers: ticked, comment: comment});
      }
    });
    var data = JSON.stringify({document: form.getAttribute("data-document"), answers: answers}, null, 1);
    var link = document.getElementById("download");
    link.href = "data:application/json;charset=utf-8," + encodeURIComponent(data);
    link.download = form.getAttribute("data-file");
    link.click();
    document.getElementById("status").textContent =
      STATUS.replace("{done}", done).replace("{total}", sheets.length) + " " + SAVED.replace("{file}", link.download);
  });
})();
