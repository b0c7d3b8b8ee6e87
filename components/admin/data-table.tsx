import type { ReactNode } from 'react';

/** A dense, horizontally scrollable table (phones scroll it instead of squashing columns). */
export function DataTable({ caption, children }: { caption: string; children: ReactNode }) {
  return (
    // Focusable and named, so keyboard users can scroll it sideways on a narrow screen. Relative,
    // so screen-reader-only text (absolutely positioned) scrolls inside it instead of widening
    // the page.
    <div
      className="relative overflow-x-auto rounded-lg border border-line"
      role="region"
      aria-label={caption}
      tabIndex={0}
    >
      <table className="w-full border-collapse text-sm [&_td]:border-t [&_td]:border-line [&_td]:px-3 [&_td]:py-2 [&_th]:whitespace-nowrap [&_th]:bg-paper [&_th]:px-3 [&_th]:py-2 [&_th]:text-left [&_th]:font-medium [&_th]:text-muted">
        <caption className="sr-only">{caption}</caption>
        {children}
      </table>
    </div>
  );
}

export function EmptyRow({ columns, children }: { columns: number; children: ReactNode }) {
  return (
    <tr>
      <td colSpan={columns} className="py-8 text-center text-muted">
        {children}
      </td>
    </tr>
  );
}
