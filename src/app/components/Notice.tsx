import type { ReactNode } from 'react';

/** A message box; errors are announced to screen readers as they appear. */
export function Notice({ tone = 'info', title, children }: { tone?: 'info' | 'error' | 'success' | 'warning'; title?: string; children?: ReactNode }) {
  return (
    <div className={`notice notice--${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {title && <p className="notice__title">{title}</p>}
      {children}
    </div>
  );
}
