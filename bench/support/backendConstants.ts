// The Verify Service the sample backend's sandbox is seeded with (scripts/backend.js).
const backend = require('../../scripts/backend') as { SANDBOX_SERVICE_SID: string };

export const SANDBOX_SERVICE_SID = backend.SANDBOX_SERVICE_SID;
