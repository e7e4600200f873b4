"""Accessibility repairs of Streamlit's own page (issue 15, item 4), measured with axe-core in
tests/browser/test_pho.py. One call per script run from the router (``app.py``).

- Captions: Streamlit 1.67 draws them in the text colour at opacity 0,6 (measured by axe:
  #92949A on white, 3,03:1); WCAG 1.4.3 asks 4,5:1 for text. Full opacity in a dark grey
  (#4A4C57: 8,5:1) keeps them visibly secondary.
- A visible focus ring on every focusable element (WCAG 2.4.7), also on Streamlit's own.
- The sidebar navigation: with sections Streamlit 1.67 puts the section headings and a wrapper
  element directly in a ``<ul>`` and its ``<li>`` items in that wrapper, which axe reports as
  "list" and "listitem" (serious: a screen reader announces a broken list). The links already
  sit in a ``<nav>``; the script takes the list semantics off that ``<ul>`` and its items
  (``role="none"``), so they are read as the plain links in a navigation region they are.
  A MutationObserver repeats it when Streamlit redraws the sidebar.
- Tablet and phone (item 5): at 1.024 px or less the sidebar starts collapsed (Streamlit does
  that itself only below 768 px, so a 820 px tablet lost 300 px to it).
"""

from __future__ import annotations

import streamlit as st

CSS = (
    "<style>"
    "[data-testid='stCaptionContainer']{opacity:1 !important;color:#4A4C57 !important;}"
    "[data-testid='stCaptionContainer'] p{color:#4A4C57 !important;}"
    ":focus-visible{outline:3px solid #0B57D0 !important;outline-offset:2px !important;}"
    # SQL in st.code (Indicatoren, Over deze indicator, Query): Streamlit's syntax colours fall
    # under 4,5:1 on the code block's grey (axe color-contrast); darker colours, same roles.
    "[data-testid='stCode'] .token{color:#1F2430 !important;}"
    "[data-testid='stCode'] .token.keyword{color:#7A1F5C !important;}"
    "[data-testid='stCode'] .token.function{color:#0B4A8F !important;}"
    "[data-testid='stCode'] .token.string{color:#1B5E20 !important;}"
    "[data-testid='stCode'] .token.number,[data-testid='stCode'] .token.boolean"
    "{color:#7A4100 !important;}"
    "[data-testid='stCode'] .token.comment{color:#4A4C57 !important;}"
    "</style>"
)

SCRIPT = """<script>
(() => {
  if (window.__vthToegankelijk) { return; }
  window.__vthToegankelijk = true;
  const herstel = () => {
    document.querySelectorAll('[data-testid="stSidebarNavItems"]').forEach(ul => {
      if (ul.getAttribute('role') !== 'none') { ul.setAttribute('role', 'none'); }
      ul.querySelectorAll('li').forEach(li => {
        if (li.getAttribute('role') !== 'none') { li.setAttribute('role', 'none'); }
      });
    });
  };
  herstel();
  new MutationObserver(herstel).observe(document.body, {childList: true, subtree: true});
  // A tablet or phone (issue 15): the page gets the whole width. Streamlit collapses the
  // sidebar by itself only below 768 px; once per page load, so the user can open it again.
  if (window.innerWidth <= 1024) {
    const klap = (pogingen) => {
      const zijbalk = document.querySelector('[data-testid="stSidebar"]');
      const knop = document.querySelector('[data-testid="stSidebarCollapseButton"] button');
      if (zijbalk && knop) {
        if (zijbalk.getAttribute('data-collapsed') === 'false') { knop.click(); }
      } else if (pogingen > 0) {  // the sidebar or its button is not drawn yet
        setTimeout(() => klap(pogingen - 1), 200);
      }
    };
    klap(50);
  }
})();
</script>"""


def verbeter() -> None:
    """Add the style and the script to this run's page (both are idempotent)."""
    st.html(CSS)
    st.html(SCRIPT, unsafe_allow_javascript=True)
