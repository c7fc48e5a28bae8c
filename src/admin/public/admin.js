// Small progressive enhancements for the staff console (the pages work without this script).
document.addEventListener('click', (event) => {
  const target = event.target;
  if (!(target instanceof HTMLElement)) return;
  if (target.matches('[data-print]')) window.print();
  const confirmText = target.getAttribute('data-confirm');
  if (confirmText && !window.confirm(confirmText)) event.preventDefault();
});
