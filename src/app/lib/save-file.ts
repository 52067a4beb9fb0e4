/** Hands the browser a file to save, built in memory. */
export function saveFile(name: string, content: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Downloads a staff API file (an export) with the signed-in person's token, which a plain link cannot carry, and saves it as `name`. */
export async function downloadFile(path: string, token: string, name: string): Promise<void> {
  const res = await fetch(path, { headers: { authorization: `Bearer ${token}` }, credentials: 'omit' });
  if (!res.ok) throw new Error(String(res.status));
  saveFile(name, await res.blob(), res.headers.get('content-type') ?? 'application/octet-stream');
}
