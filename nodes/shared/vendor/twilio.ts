// Bundle entry: only the parts of the official twilio SDK this package uses (HTTP client and the Verify domain),
// about a seventh of the whole SDK. Loaded lazily through core/verify/client.ts.
import BaseTwilio from 'twilio/lib/base/BaseTwilio';
import RequestClient from 'twilio/lib/base/RequestClient';
import RestException from 'twilio/lib/base/RestException';
import Verify from 'twilio/lib/rest/Verify';

export const TwilioHttpClient = BaseTwilio.Client;
export { RequestClient, RestException, Verify };
