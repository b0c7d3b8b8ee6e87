import type { ReactNode } from 'react';

/** Something the owner must know or act on, in the admin's error colours, announced as an alert. */
export function AlertCallout({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div
      role="alert"
      className="flex flex-col gap-1 rounded-md border border-danger/30 bg-danger/5 px-3 py-2 text-sm text-danger"
    >
      <p className="font-semibold">{title}</p>
      {children}
    </div>
  );
}
