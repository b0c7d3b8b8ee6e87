// Text placed in the hosted pages' HTML, escaped so that nothing the merchant or customer typed
// can become markup.
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
