// Marks the links this server does not serve: GraphiQL runs in development only, and the
// API documents can be switched off in production (DOCS_ENABLED). A HEAD request tells.
for (const link of document.querySelectorAll('#links a')) {
  fetch(link.href, { method: 'HEAD' })
    .then((res) => {
      if (res.ok) return;
      link.classList.add('unavailable');
      link.title = 'not served here';
      link.insertAdjacentText('afterend', ' (off on this server)');
    })
    .catch(() => undefined);
}
