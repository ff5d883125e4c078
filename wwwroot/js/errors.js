// A form sent back with messages: focus its error summary, so keyboard and screen-reader users start there; its links
// then focus the field they name (following a link to an id only scrolls in some browsers).
document.addEventListener("DOMContentLoaded", () => {
    const summary = document.querySelector(".errors[tabindex='-1']");
    if (!summary) return;
    summary.focus();
    summary.addEventListener("click", event => {
        const link = event.target.closest("a[href^='#']");
        const field = link && document.getElementById(link.getAttribute("href").slice(1));
        if (!field) return;
        event.preventDefault();
        field.scrollIntoView({ block: "center" });
        field.focus();
    });
});
