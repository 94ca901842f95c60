// Bundle entry: JWT signing and verification for member sessions. Loaded lazily through core/members/sessions.ts.
export { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
