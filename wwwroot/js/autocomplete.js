// Suggests tags as a person types in a comma-separated tag field: canonical tags first, then spellings other works use.
// An ARIA combobox: arrow keys move through suggestions, Enter or Tab takes one, Escape closes.
// Without JavaScript the field is a plain text box and the form works the same.
(function () {
  "use strict";
  let counter = 0;

  function setUp(input) {
    const list = document.createElement("ul");
    list.id = "suggestions-" + (++counter);
    list.className = "suggestions-list";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    input.after(list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);

    let active = -1;
    let request = 0;

    const current = () => input.value.split(",").pop().trim();
    const close = () => {
      list.hidden = true;
      list.replaceChildren();
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    };
    const choose = (name) => {
      const parts = input.value.split(",");
      parts[parts.length - 1] = (parts.length > 1 ? " " : "") + name;
      input.value = parts.join(",") + ", ";
      close();
      input.focus();
    };
    const highlight = (index) => {
      const items = list.children;
      if (items.length === 0) return;
      active = (index + items.length) % items.length;
      for (let i = 0; i < items.length; i++) items[i].setAttribute("aria-selected", i === active ? "true" : "false");
      input.setAttribute("aria-activedescendant", items[active].id);
    };

    input.addEventListener("input", async () => {
      const term = current();
      if (term.length < 2) { close(); return; }
      const mine = ++request;
      const url = "/api/tags/autocomplete?type=" + encodeURIComponent(input.dataset.autocomplete) + "&term=" + encodeURIComponent(term);
      // [{ name, type, canonical }]
      let tags = [];
      try { tags = await (await fetch(url, { headers: { Accept: "application/json" } })).json(); } catch { tags = []; }
      if (mine !== request) return;
      list.replaceChildren();
      tags.forEach((tag, i) => {
        const item = document.createElement("li");
        item.id = list.id + "-" + i;
        item.setAttribute("role", "option");
        item.textContent = tag.name;
        item.dataset.name = tag.name;
        if (tag.canonical) item.className = "canonical";
        item.addEventListener("mousedown", (e) => { e.preventDefault(); choose(tag.name); });
        list.append(item);
      });
      list.hidden = tags.length === 0;
      input.setAttribute("aria-expanded", tags.length > 0 ? "true" : "false");
      active = -1;
    });

    input.addEventListener("keydown", (e) => {
      if (list.hidden) return;
      if (e.key === "ArrowDown") { e.preventDefault(); highlight(active + 1); }
      else if (e.key === "ArrowUp") { e.preventDefault(); highlight(active - 1); }
      else if ((e.key === "Enter" || e.key === "Tab") && active >= 0) { e.preventDefault(); choose(list.children[active].dataset.name); }
      else if (e.key === "Escape") { close(); }
    });
    input.addEventListener("blur", () => setTimeout(close, 150));
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("input[data-autocomplete]").forEach(setUp);
  });
})();
