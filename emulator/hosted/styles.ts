// One stylesheet, inlined: the page loads nothing from the network (no fonts, no images).
export const STYLES = `
:root { color-scheme: light; --ink: #1a1f36; --muted: #5b6478; --line: #e3e8ee; --accent: #4f46e5; --error: #b42318; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #f6f8fa; }
main { max-width: 960px; margin: 0 auto; padding: 32px 20px; display: grid; gap: 32px; }
@media (min-width: 800px) { main { grid-template-columns: 1fr 1fr; padding-top: 64px; } }
.card { background: #fff; border: 1px solid var(--line); border-radius: 12px; padding: 28px; }
.badge { display: inline-block; font-size: 12px; font-weight: 600; letter-spacing: .04em; text-transform: uppercase; color: #8a4b00; background: #fff4e0; border-radius: 6px; padding: 2px 8px; }
h1 { font-size: 20px; margin: 12px 0 4px; }
.total { font-size: 32px; font-weight: 650; margin: 0 0 20px; font-variant-numeric: tabular-nums; }
ul.items { list-style: none; margin: 0; padding: 0; }
ul.items li { display: flex; justify-content: space-between; gap: 16px; padding: 12px 0; border-top: 1px solid var(--line); }
.qty { color: var(--muted); font-size: 14px; }
.amount { font-variant-numeric: tabular-nums; white-space: nowrap; }
.sum { display: flex; justify-content: space-between; font-weight: 600; padding-top: 12px; border-top: 1px solid var(--line); }
form { display: grid; gap: 16px; }
label { display: grid; gap: 6px; font-size: 14px; font-weight: 500; color: var(--muted); }
input, select { font: inherit; color: var(--ink); padding: 10px 12px; border: 1px solid #cfd7df; border-radius: 8px; background: #fff; width: 100%; }
input:focus-visible, select:focus-visible, button:focus-visible, a:focus-visible { outline: 3px solid #a5b4fc; outline-offset: 2px; }
.row { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
button { font: inherit; font-weight: 600; color: #fff; background: var(--accent); border: 0; border-radius: 8px; padding: 12px 16px; cursor: pointer; }
button.secondary { background: #fff; color: var(--ink); border: 1px solid #cfd7df; }
.error { color: var(--error); background: #fef3f2; border: 1px solid #fecdca; border-radius: 8px; padding: 10px 12px; margin: 0; }
.back { color: var(--muted); font-size: 14px; }
.hint { color: var(--muted); font-size: 13px; margin: 0; }
.actions { display: flex; gap: 12px; }
fieldset { border: 1px solid var(--line); border-radius: 8px; padding: 8px 12px; margin: 0; display: grid; gap: 8px; }
legend { font-size: 14px; font-weight: 500; color: var(--muted); padding: 0 4px; }
label.choice { display: flex; align-items: center; gap: 8px; color: var(--ink); font-weight: 400; }
label.choice input { width: auto; }
dl.totals { display: grid; grid-template-columns: 1fr auto; gap: 8px 16px; margin: 12px 0 0; padding-top: 12px; border-top: 1px solid var(--line); }
dl.totals dt { color: var(--muted); } dl.totals dd { margin: 0; text-align: right; font-variant-numeric: tabular-nums; }
dl.totals .due { color: var(--ink); font-weight: 600; }
.inline { display: grid; grid-template-columns: 1fr auto; gap: 8px; align-items: end; }
.field-error { color: var(--error); font-size: 13px; margin: 0; }
.narrow { grid-template-columns: minmax(0, 480px); justify-content: center; }
`;
