// policyparse report: sorting and filtering on the index; marks, legend and item panel on a notice page.
// No network, no library; every value goes into the page through textContent, never as HTML.
"use strict";

(function () {
  const NAMES = {
    title: "标题 title", doc_number: "文号 doc number", dates: "日期 dates", measures: "措施 measure",
    targets: "目标 target", deadlines: "期限 deadline", departments: "部门 department", references: "引用 reference"
  };

  function show(value) {
    if (value === null || value === undefined) return "—";
    if (typeof value === "object") return JSON.stringify(value);
    return String(value);
  }

  // ---- index: sort by a column, filter by words and by kind of row ----
  function setupIndex(table) {
    const body = table.tBodies[0];
    const heads = Array.from(table.tHead.rows[0].cells);
    heads.forEach(function (th, col) {
      th.addEventListener("click", function () {
        const numeric = th.dataset.type === "num";
        const dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
        heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
        const rows = Array.from(body.rows);
        rows.sort(function (a, b) {
          const x = a.cells[col].textContent.trim(), y = b.cells[col].textContent.trim();
          if (numeric) return dir * ((parseFloat(x) || 0) - (parseFloat(y) || 0));
          if (!x && y) return 1;  // empty cells last, whichever the direction
          if (x && !y) return -1;
          return dir * x.localeCompare(y, "zh-CN");
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
    const filter = document.getElementById("filter");
    const which = document.getElementById("show");
    const shown = document.getElementById("shown");
    function apply() {
      const words = filter.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
      const kind = which.value;
      let n = 0;
      Array.from(body.rows).forEach(function (r) {
        const text = r.textContent.toLowerCase();
        let ok = words.every(function (w) { return text.indexOf(w) >= 0; });
        if (kind === "ok" || kind === "error") ok = ok && r.dataset.state === kind;
        if (kind === "warnings") ok = ok && r.dataset.warnings !== "0";
        if (kind === "cites") ok = ok && r.dataset.cites !== "0";
        r.hidden = !ok;
        if (ok) n += 1;
      });
      shown.textContent = n + " of " + body.rows.length + " rows";
    }
    filter.addEventListener("input", apply);
    which.addEventListener("change", apply);
    apply();
  }

  // ---- notice page: hover shows an item's fields, click keeps them in the panel ----
  function setupNotice(text, items) {
    function itemOf(mark) { return (items[mark.dataset.f] || [])[Number(mark.dataset.i)]; }
    function summary(mark) {
      const item = itemOf(mark) || {};
      const lines = [NAMES[mark.dataset.f] + " #" + (Number(mark.dataset.i) + 1)];
      Object.keys(item).forEach(function (k) {
        if (item[k] !== null && k !== "text" && k !== "span") lines.push(k + ": " + show(item[k]));
      });
      return lines.join("\n");
    }
    text.addEventListener("mouseover", function (ev) {
      const mark = ev.target.closest("mark.mk");
      if (mark && !mark.title) mark.title = summary(mark);
    });
    const panel = document.getElementById("panel-body");
    let selected = [];
    text.addEventListener("click", function (ev) {
      const chain = [];
      for (let m = ev.target.closest("mark.mk"); m; m = m.parentElement.closest("mark.mk")) chain.push(m);
      if (!chain.length) return;
      selected.forEach(function (m) { m.classList.remove("selected"); });
      selected = [chain[0]];
      chain[0].classList.add("selected");
      panel.replaceChildren();
      chain.forEach(function (mark) {
        const item = itemOf(mark) || {};
        const box = document.createElement("div");
        box.className = "item f-" + mark.dataset.f;
        const h = document.createElement("h3");
        h.textContent = NAMES[mark.dataset.f] + " #" + (Number(mark.dataset.i) + 1);
        box.appendChild(h);
        const table = document.createElement("table");
        Object.keys(item).forEach(function (k) {
          const tr = table.insertRow();
          const th = document.createElement("th");
          th.textContent = k;
          tr.appendChild(th);
          tr.insertCell().textContent = show(item[k]);
        });
        box.appendChild(table);
        panel.appendChild(box);
      });
    });
    document.querySelectorAll(".legend input[data-field]").forEach(function (box) {
      box.addEventListener("change", function () {
        document.body.classList.toggle("hide-" + box.dataset.field, !box.checked);
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    const table = document.getElementById("notices");
    if (table) setupIndex(table);
    const text = document.getElementById("text");
    const data = document.getElementById("items");
    if (text && data) setupNotice(text, JSON.parse(data.textContent));
  });
})();
