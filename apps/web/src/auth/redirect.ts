/** Where to go after signing in: only a path inside this app, never another site. */
export function safeNext(next: string | null): string {
  const inside = next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/sign-in');
  return inside && next ? next : '/';
}

export function signInPath(from: string): string {
  return from && from !== '/' ? `/sign-in?next=${encodeURIComponent(from)}` : '/sign-in';
}
