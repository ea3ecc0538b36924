// Next.js's ambient types (CSS imports, images), for `tsc` on a clean checkout: next-env.d.ts, which
// `next dev` and `next build` rewrite with imports from .next/, is not committed.
/// <reference types="next" />
/// <reference types="next/image-types/global" />
