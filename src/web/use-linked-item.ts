/**
 * @module Brings a linked item into view. A report's evidence link or a portfolio item points at
 * one thing on a page (`/clients/…/milestones#m-<id>`), but the page loads its data after the
 * route changes, so the browser's own jump finds no such element yet. This waits for it to
 * appear (up to 10 s), scrolls it to the middle of the view, and marks it (`.is-linked`) until
 * the address changes.
 */
import { useEffect } from 'react';
import { useLocation } from 'react-router';

const WAIT_MS = 10_000;

/** The element id a `#hash` names; none for a malformed escape (`#%E0%A4%A`) rather than a throw. */
function idOf(hash: string): string {
  try {
    return decodeURIComponent(hash.slice(1));
  } catch {
    return '';
  }
}

export function useLinkedItem() {
  const { hash, pathname } = useLocation();
  useEffect(() => {
    const id = idOf(hash);
    if (!id) return;
    let marked: HTMLElement | null = null;
    const show = () => {
      const element = document.getElementById(id);
      if (!element) return false;
      element.scrollIntoView({ block: 'center' });
      element.classList.add('is-linked');
      marked = element;
      return true;
    };
    if (show()) return () => marked?.classList.remove('is-linked');
    const observer = new MutationObserver(() => {
      if (show()) observer.disconnect();
    });
    observer.observe(document.body, { childList: true, subtree: true });
    const timer = setTimeout(() => observer.disconnect(), WAIT_MS);
    return () => {
      observer.disconnect();
      clearTimeout(timer);
      marked?.classList.remove('is-linked');
    };
  }, [hash, pathname]);
}
