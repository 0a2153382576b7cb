// The portrait page's one enhancement: an "Imprimer / PDF" button (the browser's dialog saves a
// PDF too); the page reads and prints without it.
document.addEventListener('DOMContentLoaded', () => {
  const actions = document.getElementById('actions');
  if (!actions || !window.print) return;
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = 'Imprimer / PDF';
  button.addEventListener('click', () => window.print());
  actions.append(button);
});
