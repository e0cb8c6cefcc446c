// A filter box above a long list of checkboxes (home/widgets.py FilterableCheckboxSelectMultiple):
// typing part of a name hides the choices that do not contain it. Works for widgets added later
// (e.g. in an InlinePanel form) because it listens on the document.
(() => {
  const normalise = (text) =>
    text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .trim();

  const filter = (input) => {
    const box = input.closest('[data-choice-filter]');
    const wanted = normalise(input.value);
    let shown = 0;
    box.querySelectorAll('input[type="checkbox"]').forEach((checkbox) => {
      const label = checkbox.closest('label') || checkbox.parentElement;
      const item = label.closest('div, li') || label;
      const matches = !wanted || normalise(label.textContent).includes(wanted);
      item.hidden = !matches;
      if (matches) shown += 1;
    });
    box.querySelector('[data-choice-filter-empty]').hidden = shown > 0;
  };

  const reveal = (root) => {
    // The filter box is hidden until this script runs: without it, the list is plain checkboxes.
    root.querySelectorAll('[data-choice-filter-box][hidden]').forEach((box) => {
      box.hidden = false;
    });
  };

  document.addEventListener('input', (event) => {
    if (event.target.matches('[data-choice-filter-input]')) filter(event.target);
  });
  document.addEventListener('keydown', (event) => {
    // Enter in the filter box must not submit the page form.
    if (event.key === 'Enter' && event.target.matches('[data-choice-filter-input]')) event.preventDefault();
  });
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', () => reveal(document));
  } else {
    reveal(document);
  }
})();
