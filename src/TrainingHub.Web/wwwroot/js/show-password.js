// "Show password": a box that shows the password's characters while ticked; offered only when JavaScript runs.
for (const choice of document.querySelectorAll("[data-show-password]")) {
  const input = document.getElementById(choice.dataset.showPassword);
  const box = choice.querySelector("input[type=checkbox]");
  if (!input || !box) continue;
  choice.hidden = false;
  box.addEventListener("change", () => { input.type = box.checked ? "text" : "password"; });
}
