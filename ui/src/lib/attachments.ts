// Small DOM behaviours attached with {@attach}.

import type { Attachment } from "svelte/attachments";

/**
 * A table row that opens `href` when clicked anywhere outside its own links and buttons. The
 * row's name link is the keyboard route to the same place.
 */
export function rowLink(href: string): Attachment<HTMLElement> {
  return (node) => {
    const onclick = (event: MouseEvent): void => {
      const target = event.target;
      if (target instanceof Element && target.closest("a, button, input, select, textarea, label")) return;
      if (window.getSelection()?.toString()) return;
      location.hash = href;
    };
    node.addEventListener("click", onclick);
    return () => node.removeEventListener("click", onclick);
  };
}
