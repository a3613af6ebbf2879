/* Filters the table on the page "Åtgärder" (macros/fardplan/pages/templates/actions.md.j2).

   Progressive enhancement: without this script the page lists every action and the form stays
   hidden. With it, each select filters the rows by the row's data-* attribute of the same name;
   the choices are kept in the address (?status=pagar&ansvarig=...), so a filtered list can be
   shared and reloaded, and the back button returns to the previous choice. The number of rows
   shown is announced to screen readers by the form's live region. No third-party code; text
   from the page is only ever compared and set as text, never as HTML. */
(function () {
  "use strict";

  var form = document.querySelector("form[data-fp-filter]");
  var table = document.querySelector("[data-fp-filter-rows]");
  var count = document.querySelector("[data-fp-filter-count]");
  if (!form || !table || !count) return;

  var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
  var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr"));
  var total = rows.length;

  function actions(n) {
    return n === 1 ? "1 åtgärd" : n + " åtgärder";
  }

  // The form's choices as a query string, only the keys that are chosen, in the form's order.
  function query() {
    var params = new URLSearchParams();
    selects.forEach(function (select) {
      if (select.value) params.set(select.name, select.value);
    });
    var text = params.toString();
    return text ? "?" + text : "";
  }

  // Set the selects from an address; a value no option has (an old or mistyped link) means "Alla".
  function readAddress(search) {
    var params = new URLSearchParams(search);
    selects.forEach(function (select) {
      var wanted = params.get(select.name) || "";
      var known = Array.prototype.some.call(select.options, function (option) {
        return option.value === wanted;
      });
      select.value = known ? wanted : "";
    });
  }

  function apply() {
    var shown = 0;
    rows.forEach(function (row) {
      var match = selects.every(function (select) {
        return !select.value || row.getAttribute("data-" + select.name) === select.value;
      });
      row.hidden = !match;
      if (match) shown += 1;
    });
    if (shown === total) {
      count.textContent = "Visar alla " + actions(total) + ".";
    } else if (shown === 0) {
      count.textContent = "Inga av de " + total + " åtgärderna passar det du har valt. Välj Alla i någon lista, eller Visa alla åtgärder.";
    } else {
      count.textContent = "Visar " + shown + " av " + actions(total) + ".";
    }
  }

  // Apply the form and put its choices in the address, as a new history entry when they changed.
  function choose() {
    apply();
    var search = query();
    if (search !== window.location.search) {
      history.pushState(null, "", window.location.pathname + search + window.location.hash);
    }
  }

  selects.forEach(function (select) {
    select.addEventListener("change", choose);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    choose();
  });
  var reset = form.querySelector("[data-fp-filter-reset]");
  if (reset) {
    reset.addEventListener("click", function () {
      selects.forEach(function (select) {
        select.value = "";
      });
      choose();
    });
  }
  window.addEventListener("popstate", function () {
    readAddress(window.location.search);
    apply();
  });

  readAddress(window.location.search);
  form.hidden = false;
  apply();
})();
