// Lists a form's problems in the order their fields appear on the page: validators may check fields in another order.
// Messages about the whole form (no field to link to) stay first.
for (const list of document.querySelectorAll(".error-summary ul")) {
  const fieldOf = item => {
    const link = item.querySelector("a[href^='#']");
    return link ? document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1))) : null;
  };
  const items = [...list.children].map((item, index) => ({ item, index, field: fieldOf(item) }));
  items.sort((a, b) => {
    if (!a.field || !b.field) return a.field === b.field ? a.index - b.index : a.field ? 1 : -1;
    if (a.field === b.field) return a.index - b.index;
    return a.field.compareDocumentPosition(b.field) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
  });
  for (const { item } of items) list.appendChild(item);
}
