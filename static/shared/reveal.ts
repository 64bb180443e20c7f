/**
 * Modals in a Custom UI frame are `position: fixed` in the frame's viewport, and an auto-height
 * frame's viewport is as tall as the app: a modal opens at the top of the app, which may be scrolled
 * out of the host page's view. Scrolling an in-flow element at the top into view first scrolls the
 * host page too (fixed elements don't propagate `scrollIntoView` to ancestor frames).
 */
export function revealAppTop(): void {
  const top = document.getElementById('root')?.firstElementChild ?? document.body.firstElementChild;
  top?.scrollIntoView({ block: 'start' });
}
