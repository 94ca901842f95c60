// Bundle entry: the 10,000 most common passwords (lower case, most common first), from the list of
// @zxcvbn-ts/language-common, ranked by frequency in leaked password sets. Loaded lazily through
// core/members/passwords.ts. esbuild bundles the package's whole list (49,233 entries, about 476 KiB); only the first
// COMMON_PASSWORD_COUNT are kept in memory.
/*! @zxcvbn-ts/language-common (passwords.json), MIT License.
 * Copyright (c) 2012-2016 Dan Wheeler and Dropbox, Inc.
 * Copyright (c) 2021 @zxcvbn-ts
 * The full text is LICENSE.txt in the npm package @zxcvbn-ts/language-common 4.1.3. */
import passwords from '@zxcvbn-ts/language-common/src/passwords.json';

/** How many of the list's most common entries are refused. */
export const COMMON_PASSWORD_COUNT = 10_000;

export const commonPasswords: ReadonlySet<string> = new Set(passwords.slice(0, COMMON_PASSWORD_COUNT));
