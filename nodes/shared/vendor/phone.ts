// Bundle entry: phone parsing (libphonenumber-js with its "max" metadata, needed for real validation) and
// English country names with ISO alpha-3 codes. Loaded lazily through core/phones.ts.
import countries from 'i18n-iso-countries/index';
import english from 'i18n-iso-countries/langs/en.json';

countries.registerLocale(english);

export {
	parsePhoneNumberFromString,
	getCountries,
	getCountryCallingCode,
	isSupportedCountry,
} from 'libphonenumber-js/max';
export type { CountryCode, PhoneNumber } from 'libphonenumber-js/max';

export const countryNames = countries;
